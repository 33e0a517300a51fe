package dev.modelregistry.browser;

import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.TestRegistry;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * One real registry server (SQLite in a temporary directory) and one headless Chromium, shared by every browser test
 * class of a run ({@link ConsoleExtension} starts them once and closes them at the end). Every page the tests reach
 * through {@link #open}, {@link #click} or {@link #signIn} is screenshotted under {@code target/screenshots/} and
 * held to the {@link AccessibilityCheck} and to a console free of errors (a CSP violation is one).
 */
public final class Console implements AutoCloseable {
    static final String SESSION_COOKIE = "modelreg_session";

    final TestRegistry registry;
    final ChromeDriver driver;
    /** A team with a registrant, an approver in the ACL and an evaluator with a key, made through the API. */
    final DeployFixture desk;
    private final Path screenshots;
    private String test = "setup";
    private int shots;

    private Console(TestRegistry registry, ChromeDriver driver, Path screenshots) {
        this.registry = registry;
        this.driver = driver;
        this.screenshots = screenshots;
        this.desk = new DeployFixture(registry.baseUri(), TestRegistry.ADMIN_TOKEN, "desk");
    }

    static Console start() {
        Path target = Path.of(System.getProperty("modelreg.test.target", "target"));
        Path screenshots = target.resolve("screenshots");
        try {
            Files.createDirectories(screenshots);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriver driver = Chromium.start(target);
        try {
            return new Console(TestRegistry.sqlite(), driver, screenshots);
        } catch (RuntimeException e) {
            driver.quit();
            throw e;
        }
    }

    /** Names the screenshots that follow after the test that takes them. */
    void startTest(String name) {
        test = name;
        shots = 0;
        // What an earlier test left in the browser's log is not this test's page's fault.
        driver.manage().logs().get(LogType.BROWSER);
    }

    URI url(String path) {
        return registry.baseUri().resolve(path);
    }

    /** The path of the page the browser shows, with its query. */
    String path() {
        URI current = URI.create(driver.getCurrentUrl());
        return current.getRawQuery() == null ? current.getRawPath() : current.getRawPath() + "?" + current.getRawQuery();
    }

    void open(String path) {
        driver.get(url(path).toString());
        arrived();
    }

    /** Signs in with an API token through the sign-in form, as a person would, after signing out of any session. */
    void signIn(String token) {
        driver.manage().deleteAllCookies();
        open("/ui/sign-in");
        type("token", token);
        click(By.xpath("//button[normalize-space()='Sign in']"));
    }

    /** Types into the form control with this name, replacing what it held. */
    void type(String name, String value) {
        WebElement field = driver.findElement(By.name(name));
        field.clear();
        field.sendKeys(value);
    }

    /** Clicks what {@code by} finds and checks the page it leads to. */
    void click(By by) {
        driver.findElement(by).click();
        arrived();
    }

    /** Follows the link with exactly this text. */
    void follow(String linkText) {
        click(By.linkText(linkText));
    }

    /**
     * Moves the focus with Tab, as a keyboard user does, until it is on what {@code by} finds, and presses Enter there;
     * fails if the focus went all the way round without reaching it.
     */
    void tabToAndPressEnter(By by) {
        WebElement target = driver.findElement(by);
        int stops = driver.findElements(By.cssSelector("a[href], button, input, select, textarea")).size();
        for (int i = 0; i <= stops && !target.equals(driver.switchTo().activeElement()); i++) {
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        if (!target.equals(driver.switchTo().activeElement())) {
            throw new AssertionError("Tab never reached " + by + " on " + path());
        }
        new Actions(driver).sendKeys(Keys.ENTER).perform();
        arrived();
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** The rows of a table as column header → cell text, in page order. */
    List<Map<String, String>> table(By by) {
        WebElement table = driver.findElement(by);
        List<String> headers = table.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText).toList();
        List<Map<String, String>> rows = new ArrayList<>();
        for (WebElement row : table.findElements(By.cssSelector("tbody tr"))) {
            List<WebElement> cells = row.findElements(By.cssSelector("th, td"));
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < cells.size() && i < headers.size(); i++) {
                values.put(headers.get(i), cells.get(i).getText());
            }
            rows.add(values);
        }
        return rows;
    }

    Cookie sessionCookie() {
        return driver.manage().getCookieNamed(SESSION_COOKIE);
    }

    /**
     * A GET from a plain HTTP client carrying the browser's session cookie (which no page script can read: it is
     * HttpOnly), for what a browser does not show a test, the status and the headers. Redirects are not followed.
     */
    TestRegistry.Response getWithSession(String path) {
        return registry.send(withSession(path).GET().build());
    }

    /** A form post (fields already URL-encoded) from a plain HTTP client carrying the browser's session cookie. */
    TestRegistry.Response postWithSession(String path, String form) {
        return registry.send(withSession(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpRequest.Builder withSession(String path) {
        Cookie session = sessionCookie();
        HttpRequest.Builder request = registry.request(path, null);
        if (session != null) {
            request.header("Cookie", SESSION_COOKIE + "=" + session.getValue());
        }
        return request;
    }

    /**
     * Submits a form that a script on the current page builds with exactly these fields (so a CSRF token can be left
     * out or forged), as an injected script could: the browser sends it with the session cookie and its own headers.
     * A script's fetch would not do: the console's CSP allows no connections. Checks the page it leads to.
     */
    void submitScriptedForm(String path, Map<String, String> fields) {
        WebElement before = driver.findElement(By.tagName("html"));
        driver.executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                for (const [name, value] of Object.entries(arguments[1])) {
                  const input = document.createElement('input');
                  input.type = 'hidden';
                  input.name = name;
                  input.value = value;
                  form.append(input);
                }
                document.body.append(form);
                form.submit();""", path, fields);
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(before));
        arrived();
    }

    /** The value of the hidden CSRF field of the first form on the page that has one. */
    String csrfToken() {
        return driver.findElement(By.cssSelector("form input[type=hidden][name=csrf]")).getDomProperty("value");
    }

    /**
     * What every page reached must pass: a screenshot is written, then the accessibility basics and the browser's
     * console (no errors: a blocked inline script or a failed resource shows there) are checked.
     */
    void arrived() {
        screenshot();
        List<String> problems = new ArrayList<>(AccessibilityCheck.problems(driver));
        problems.addAll(consoleErrors());
        if (!problems.isEmpty()) {
            throw new AssertionError("page " + path() + " (" + test + "):\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * The errors the browser logged since the last look, less two it logs for what the test asked for: the status of
     * the document itself (a refusal page is a 403 by design; the tests assert statuses themselves) and the favicon
     * it requests on its own, which the console does not serve.
     */
    private List<String> consoleErrors() {
        String document = driver.getCurrentUrl();
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            String message = entry.getMessage();
            boolean loadFailure = message.contains("Failed to load resource");
            if (entry.getLevel().intValue() < Level.SEVERE.intValue()
                    || loadFailure && (message.startsWith(document + " ") || message.startsWith(url("/favicon.ico") + " "))) {
                continue;
            }
            errors.add("browser console: " + message);
        }
        return errors;
    }

    /** The whole page, not only the window, as a PNG named after the test and the path. */
    private void screenshot() {
        @SuppressWarnings("unchecked")
        Map<String, Object> metrics = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Number> size = (Map<String, Number>) metrics.get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "scale", 1,
                "width", size.get("width").doubleValue(), "height", Math.min(size.get("height").doubleValue(), 6000));
        Object png = driver.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data");
        String name = String.format("%s-%02d-%s.png", test, ++shots, slug(path()));
        try {
            Files.write(screenshots.resolve(name), Base64.getDecoder().decode((String) png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String slug(String path) {
        String slug = path.replaceAll("[^A-Za-z0-9._-]+", "_").replaceAll("^_+|_+$", "");
        return slug.isEmpty() ? "root" : slug.substring(0, Math.min(slug.length(), 80));
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            registry.close();
        }
    }
}
