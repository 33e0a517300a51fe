package dev.modelregistry.browser;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.interactions.Actions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The accessibility basics checked on every page the browser tests visit: every form control labelled, exactly one
 * h1 and no skipped heading level, every link, button and control reachable with Tab, a text alternative for every
 * image and SVG, a title and a language. The rules themselves run in the page ({@code accessibility.js}).
 */
final class AccessibilityCheck {
    private static final String LIBRARY = resource("accessibility.js");

    private AccessibilityCheck() {
    }

    /** Every problem found on the page the driver shows, one line each; empty when it passes. */
    static List<String> problems(WebDriver driver) {
        List<String> problems = new ArrayList<>(call(driver, "structure"));
        problems.addAll(tabWalk(driver));
        return problems;
    }

    /**
     * Presses Tab as a person would, once more than there are tab stops, and names every link, button or control the
     * focus never reached. The browser may add stops of its own (Chromium makes a scrollable box without focusable
     * content one), so a walk that missed something goes on for up to two more rounds before it counts as missed.
     */
    private static List<String> tabWalk(WebDriver driver) {
        long stops = (Long) js(driver, "return a11y.startFocusWalk();");
        List<String> missed = List.of();
        for (int round = 0; round < 3 && (round == 0 || !missed.isEmpty()); round++) {
            Actions tabs = new Actions(driver);
            for (long i = 0; i <= stops; i++) {
                tabs.sendKeys(Keys.TAB);
            }
            tabs.perform();
            missed = call(driver, "missedByFocusWalk");
        }
        return missed;
    }

    @SuppressWarnings("unchecked")
    private static List<String> call(WebDriver driver, String function) {
        return (List<String>) js(driver, "return a11y." + function + "();");
    }

    private static Object js(WebDriver driver, String call) {
        return ((JavascriptExecutor) driver).executeScript(LIBRARY + "\n" + call);
    }

    private static String resource(String name) {
        try (InputStream in = AccessibilityCheck.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
