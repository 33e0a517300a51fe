package dev.modelregistry.browser;

import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's defences as a browser meets them: the security headers and a CSP the browser enforces, a form post
 * without this session's CSRF token refused, and forms on another site that neither sign a browser in nor act in its
 * session.
 */
@ExtendWith(ConsoleExtension.class)
class BrowserFormSecurityTest {
    private final Console console;

    BrowserFormSecurityTest(Console console) {
        this.console = console;
    }

    @Test
    void everyConsolePageHasAStrictContentSecurityPolicyAndTheSecurityHeaders() {
        console.signIn(console.desk.approverToken);
        for (String path : new String[] {"/ui/sign-in", "/ui/models"}) {
            TestRegistry.Response page = console.getWithSession(path);
            assertThat(page.status()).as(path).isEqualTo(200);
            String csp = page.header("Content-Security-Policy");
            assertThat(csp).as(path).contains("script-src 'self'", "frame-ancestors 'none'", "form-action 'self'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
            assertThat(page.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(page.header("Cache-Control")).as(path).contains("no-store");
        }
    }

    @Test
    void theBrowserRefusesAnInlineScriptOnAConsolePage() {
        console.signIn(console.desk.approverToken);
        // What an injected <script> would do: the CSP keeps it from running. (WebDriver's own script is exempt.)
        Object ran = console.driver.executeScript("""
                const s = document.createElement('script');
                s.textContent = 'window.inlineRan = true';
                document.head.appendChild(s);
                return window.inlineRan === true;""");
        assertThat(ran).isEqualTo(false);
        console.driver.manage().logs().get("browser"); // the expected CSP report is not a fault of the page
    }

    @Test
    void aFormPostWithoutThisSessionsCsrfTokenIsRefusedAndChangesNothing() {
        console.signIn(console.desk.registrantToken);
        String token = console.csrfToken();
        console.submitScriptedForm("/ui/sign-out", Map.of());
        assertThat(console.heading()).isEqualTo("Refused");
        assertThat(console.driver.findElement(By.tagName("main")).getText()).contains("CSRF token is missing or stale");
        console.submitScriptedForm("/ui/sign-out", Map.of("csrf", "forged-" + token));
        assertThat(console.heading()).isEqualTo("Refused");
        // The status the browser does not show, for the same post from a plain client with the browser's cookie.
        assertThat(console.postWithSession("/ui/sign-out", "csrf=").status()).isEqualTo(403);
        // Still signed in: no refused post signed the browser out.
        assertThat(console.getWithSession("/ui/models").status()).isEqualTo(200);
        // The same post with the page's token goes through, so the refusals above were for the token alone.
        console.submitScriptedForm("/ui/sign-out", Map.of("csrf", token));
        assertThat(console.path()).isEqualTo("/ui/sign-in");
        assertThat(console.sessionCookie()).isNull();
    }

    @Test
    void aFormOnAnotherSiteCannotSignTheBrowserIn() {
        console.driver.manage().deleteAllCookies();
        // A page of another origin (a data: URL) that posts a token of the attacker's choosing to the console.
        console.driver.get(foreignForm("/ui/sign-in", "token", console.desk.registrantToken));
        console.driver.findElement(By.tagName("button")).click();
        assertThat(console.path()).isEqualTo("/ui/sign-in");
        assertThat(console.heading()).isEqualTo("Refused");
        assertThat(console.sessionCookie()).isNull();
        console.arrived();
    }

    @Test
    void aFormOnAnotherSiteCannotActInTheSession() {
        console.signIn(console.desk.registrantToken);
        String token = console.csrfToken();
        // Even with the right CSRF token, the SameSite cookie is not sent from another site and its origin is refused.
        console.driver.get(foreignForm("/ui/sign-out", "csrf", token));
        console.driver.findElement(By.tagName("button")).click();
        console.arrived();
        assertThat(console.getWithSession("/ui/models").status()).isEqualTo(200);
    }

    private String foreignForm(String action, String field, String value) {
        String html = "<!doctype html><html lang=\"en\"><title>elsewhere</title><h1>Elsewhere</h1>"
                + "<form method=\"post\" action=\"" + console.url(action) + "\"><input type=\"hidden\" name=\"" + field
                + "\" value=\"" + value + "\"><button>Go</button></form></html>";
        return "data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
