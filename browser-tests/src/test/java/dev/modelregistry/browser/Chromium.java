package dev.modelregistry.browser;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.remote.http.ClientConfig;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

/**
 * Starts Debian's headless Chromium through the system chromedriver. Both paths are given to Selenium, so Selenium
 * Manager never runs (it would try to download a driver and a browser); a missing package fails with what to install.
 */
final class Chromium {
    /** The browser binary itself: {@code /usr/bin/chromium} is a shell launcher that adds flags of its own. */
    private static final List<String> BROWSERS = List.of("/usr/lib/chromium/chromium", "/usr/bin/chromium");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

    private Chromium() {
    }

    static ChromeDriver start(Path logDir) {
        File browser = find("modelreg.test.chromium", BROWSERS, "chromium");
        File driver = find("modelreg.test.chromedriver", DRIVERS, "chromium-driver");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().withLogFile(logDir.resolve("chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions().setBinary(browser);
        options.addArguments("--headless=new", "--window-size=1000,800", "--lang=en-US",
                // Root in a container has no user namespace for the sandbox; /dev/shm may be tiny there.
                "--no-sandbox", "--disable-dev-shm-usage",
                // Nothing outside the loopback is reachable: no update checks, sync, or field trials.
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--disable-default-apps",
                // No GPU here: software compositing from the start, instead of probing Vulkan and falling back.
                "--disable-gpu");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        // A browser that stops answering fails its command in 30 s rather than Selenium's default 3 minutes.
        ChromeDriver chrome = new ChromeDriver(service, options, ClientConfig.defaultConfig().readTimeout(COMMAND_TIMEOUT));
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20)).scriptTimeout(Duration.ofSeconds(10));
        return chrome;
    }

    private static File find(String property, List<String> candidates, String debianPackage) {
        String configured = System.getProperty(property);
        List<String> paths = configured == null || configured.isBlank() ? candidates : List.of(configured);
        return paths.stream().map(Path::of).filter(Files::isExecutable).findFirst().map(Path::toFile)
                .orElseThrow(() -> new IllegalStateException("The browser tests need Debian's headless Chromium and "
                        + "its driver, but none of " + paths + " is an executable (package " + debianPackage + "). "
                        + "Install them with: apt-get install -y chromium chromium-driver (.ci/run does), or name the "
                        + "binary with -D" + property + "=PATH."));
    }
}
