package dev.modelregistry.server.console;

import dev.modelregistry.server.auth.Tokens;
import dev.modelregistry.server.console.ConsoleBrowser.Page;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in to the web console with an API token, the session that follows, its end, and the CSRF refusals. */
abstract class ConsoleSessionContractTest extends ConsoleTestSupport {

    @Test
    void signInFormHasOneLabelledPasswordFieldNamedToken() {
        Page page = browser().get(ConsoleApp.SIGN_IN);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<label for=\"token\">API token</label>")
                .contains("<input id=\"token\" name=\"token\" type=\"password\"")
                .contains("<button type=\"submit\">Sign in</button>");
    }

    @Test
    void aGoodTokenOpensASessionAndGoesToTheModels() {
        ConsoleBrowser browser = browser();

        Page answer = browser.signIn(fixture.registrantToken);

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/ui/models");
        assertThat(browser.session()).isNotBlank();
        Page models = browser.get("/ui/models");
        assertThat(models.status()).isEqualTo(200);
        assertThat(models.body()).contains("Signed in as <strong>" + fixture.registrant + "</strong>");
    }

    @Test
    void theSessionCookieIsHttpOnlyStrictAndScopedToTheConsole() {
        String cookie = sessionCookieOf(browser().signIn(fixture.registrantToken));

        assertThat(cookie).contains("; Path=/ui").contains("; HttpOnly").contains("; SameSite=Strict")
                .doesNotContain("Secure");
    }

    @Test
    void theSessionCookieIsSecureWhenTheRequestCameOverTls() {
        Page answer = browser().post(ConsoleApp.SIGN_IN, Map.of("token", fixture.registrantToken),
                Map.of("X-Forwarded-Proto", "https"));

        assertThat(sessionCookieOf(answer)).contains("; Secure");
    }

    @Test
    void onlyTheHashOfTheSessionIdIsStored() {
        ConsoleBrowser browser = signedIn(fixture.registrantToken);

        String sha = Tokens.sha256(browser.session());
        assertThat(count("SELECT COUNT(*) FROM console_sessions WHERE session_sha256 = '" + sha + "'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM console_sessions WHERE session_sha256 = '" + browser.session()
                + "' OR token_sha256 = '" + browser.session() + "'")).isZero();
    }

    @Test
    void aBadTokenShowsTheFormAgainWith401AndOpensNoSession() {
        long sessionsBefore = count("SELECT COUNT(*) FROM console_sessions");
        ConsoleBrowser browser = browser();

        Page answer = browser.signIn("mr_not-a-token-anyone-was-given");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("That token is unknown or revoked.").contains("name=\"token\"");
        assertThat(answer.cookies()).isEmpty();
        assertThat(browser.session()).isNull();
        assertThat(count("SELECT COUNT(*) FROM console_sessions")).isEqualTo(sessionsBefore);
    }

    @Test
    void pagesRedirectToSignInWithoutASessionNamingThePageToReturnTo() {
        assertThat(browser().get("/ui").header("Location")).isEqualTo("/ui/sign-in");
        for (String path : List.of("/ui/models", "/ui/models/anything", "/ui/no-such-page")) {
            Page page = browser().get(path);
            assertThat(page.status()).as(path).isEqualTo(303);
            assertThat(page.header("Location")).as(path)
                    .isEqualTo("/ui/sign-in?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
        }
        assertThat(browser().get("/ui/models?q=x%26y&health=ok").header("Location"))
                .isEqualTo("/ui/sign-in?next=%2Fui%2Fmodels%3Fq%3Dx%2526y%26health%3Dok");
        Page live = browser().get("/ui/models/m/deployment?after_revision=0",
                Map.of("HX-Request", "true", "HX-Current-URL", "http://127.0.0.1/ui/models/m?after=m%402026.01.01-r1"));
        assertThat(live.header("HX-Redirect")).as("a live section returns to the page it is on")
                .isEqualTo("/ui/sign-in?next=%2Fui%2Fmodels%2Fm%3Fafter%3Dm%25402026.01.01-r1");
    }

    @Test
    void signInReturnsToTheConsolePageFirstAskedFor() {
        Page form = browser().get("/ui/sign-in?next=%2Fui%2Faudit%3Faction%3Dx");
        assertThat(form.body()).contains("<input type=\"hidden\" name=\"next\" value=\"/ui/audit?action=x\">");

        Page answer = browser().post(ConsoleApp.SIGN_IN, Map.of("token", fixture.registrantToken,
                "next", "/ui/audit?action=x"));

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/ui/audit?action=x");
    }

    @Test
    void signInNeverSendsTheBrowserToAnotherSite() {
        for (String next : List.of("https://evil.example/ui/", "//evil.example/ui/", "/ui/\\evil.example", "/uix",
                "/ui/sign-in", "/ui/a b", "javascript:alert(1)")) {
            assertThat(browser().get("/ui/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8)).body())
                    .as(next).doesNotContain("name=\"next\"");
            Page answer = browser().post(ConsoleApp.SIGN_IN, Map.of("token", fixture.registrantToken, "next", next));
            assertThat(answer.header("Location")).as(next).isEqualTo(ConsoleApp.HOME);
        }
    }

    @Test
    void anUnknownSessionCookieIsNoSession() {
        ConsoleBrowser browser = browser();
        browser.useSession("made-up-session-id");

        assertThat(browser.get("/ui/models").status()).isEqualTo(303);
    }

    @Test
    void revokingTheTokenEndsItsSessions() {
        String name = unique("revoked");
        String token = registry.principalWithToken(name, false);
        ConsoleBrowser browser = signedIn(token);
        assertThat(browser.get("/ui/models").status()).isEqualTo(200);
        String tokenId = registry.get("/principals/" + name + "/tokens", ADMIN).body().get("items").get(0)
                .get("id").asText();

        assertThat(registry.delete("/tokens/" + tokenId, ADMIN).status()).isEqualTo(204);

        Page after = browser.get("/ui/models");
        assertThat(after.status()).isEqualTo(303);
        assertThat(after.header("Location")).isEqualTo("/ui/sign-in?next=%2Fui%2Fmodels");
    }

    @Test
    void aSessionEndsAfterItWasIdleTooLong() {
        ConsoleBrowser browser = signedIn(fixture.registrantToken);

        clock.advance(ConsoleSessions.IDLE.plusSeconds(1));

        assertThat(browser.get("/ui/models").status()).isEqualTo(303);
    }

    @Test
    void aSessionInUseStillEndsAtItsLifetime() {
        ConsoleBrowser browser = signedIn(fixture.registrantToken);
        Duration step = ConsoleSessions.IDLE.minusMinutes(10);
        for (Duration used = Duration.ZERO; used.plus(step).compareTo(ConsoleSessions.LIFETIME) < 0; used = used.plus(step)) {
            clock.advance(step);
            assertThat(browser.get("/ui/models").status()).as("in use after %s", used.plus(step)).isEqualTo(200);
        }

        clock.advance(step);

        assertThat(browser.get("/ui/models").status()).isEqualTo(303);
    }

    @Test
    void signOutEndsTheSessionOnTheServerAndClearsTheCookie() {
        ConsoleBrowser browser = signedIn(fixture.registrantToken);
        String session = browser.session();

        Page answer = browser.post("/ui/sign-out", Map.of("csrf", browser.csrf()));

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.header("Location")).isEqualTo("/ui/sign-in");
        assertThat(sessionCookieOf(answer)).startsWith(SessionCookie.NAME + "=;").contains("Max-Age=0");
        ConsoleBrowser replay = browser();
        replay.useSession(session);
        assertThat(replay.get("/ui/models").status()).isEqualTo(303);
        assertThat(count("SELECT COUNT(*) FROM console_sessions WHERE session_sha256 = '" + Tokens.sha256(session) + "'"))
                .isZero();
    }

    @Test
    void signInAndSignOutAreAudited() {
        String name = unique("audited");
        ConsoleBrowser browser = signedIn(registry.principalWithToken(name, false));
        browser.post("/ui/sign-out", Map.of("csrf", browser.csrf()));

        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE subject = 'principal:" + name
                + "' AND action = 'console.signed_in' AND actor = '" + name + "'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE subject = 'principal:" + name
                + "' AND action = 'console.signed_out'")).isEqualTo(1);
    }

    @Test
    void aFormWithoutTheSessionsCsrfTokenIsRefusedAndChangesNothing() {
        ConsoleBrowser browser = signedIn(fixture.registrantToken);

        Page missing = browser.post("/ui/sign-out", Map.of());
        Page wrong = browser.post("/ui/sign-out", Map.of("csrf", signedIn(fixture.registrantToken).csrf()));

        assertThat(missing.status()).isEqualTo(403);
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(missing.body()).contains("CSRF");
        assertThat(browser.get("/ui/models").status()).as("still signed in").isEqualTo(200);
    }

    @Test
    void aSignInPostedFromAnotherSiteIsRefused() {
        long sessionsBefore = count("SELECT COUNT(*) FROM console_sessions");

        Page answer = browser().post(ConsoleApp.SIGN_IN, Map.of("token", fixture.registrantToken),
                Map.of("Sec-Fetch-Site", "cross-site"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.cookies()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM console_sessions")).isEqualTo(sessionsBefore);
    }

    @Test
    void theAssetsAreServedWithoutASession() {
        Page htmx = browser().get("/ui/assets/htmx.min.js");
        Page css = browser().get("/ui/assets/console.css");

        assertThat(htmx.status()).isEqualTo(200);
        assertThat(htmx.header("Content-Type")).startsWith("text/javascript");
        assertThat(htmx.body()).contains("htmx");
        assertThat(css.status()).isEqualTo(200);
        assertThat(css.header("Content-Type")).startsWith("text/css");
        assertThat(browser().get("/ui/assets/../../openapi.json").status()).isIn(303, 404);
        assertThat(browser().get("/ui/assets/other.js").status()).isEqualTo(404);
    }

    private static String sessionCookieOf(Page answer) {
        return answer.cookies().stream().filter(c -> c.startsWith(SessionCookie.NAME + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in " + answer.cookies()));
    }
}
