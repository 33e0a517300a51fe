package dev.modelregistry.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing in with an API token, the session cookie it gives, and signing out. */
@ExtendWith(ConsoleExtension.class)
class BrowserSignInTest {
    private final Console console;

    BrowserSignInTest(Console console) {
        this.console = console;
    }

    @Test
    void withoutASessionEveryPageRedirectsToSignInWhichThenReturnsToIt() {
        console.driver.manage().deleteAllCookies();
        console.open("/ui/audit?action=deployment.promoted");
        assertThat(console.path()).isEqualTo("/ui/sign-in?next=%2Fui%2Faudit%3Faction%3Ddeployment.promoted");
        assertThat(console.heading()).isEqualTo("Sign in");
        assertThat(console.getWithSession("/ui/models/xsmom").status()).isEqualTo(303);

        console.type("token", console.desk.approverToken);
        console.click(By.xpath("//button[normalize-space()='Sign in']"));

        assertThat(console.path()).isEqualTo("/ui/audit?action=deployment.promoted");
        assertThat(console.heading()).isEqualTo("Audit");
    }

    @Test
    void anUnknownTokenShowsTheFormAgainWithAnErrorAndNoSession() {
        console.signIn("not-a-token-of-this-registry");
        assertThat(console.path()).isEqualTo("/ui/sign-in");
        assertThat(console.driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("unknown or revoked");
        assertThat(console.sessionCookie()).isNull();
        // The status a browser does not show: the same form post from a plain client.
        assertThat(console.postWithSession("/ui/sign-in", "token=nope").status()).isEqualTo(401);
    }

    @Test
    void aGoodTokenLandsOnModelsWithAnHttpOnlyStrictSessionCookie() {
        console.signIn(console.desk.approverToken);
        assertThat(console.path()).isEqualTo("/ui/models");
        assertThat(console.heading()).isEqualTo("Models");
        assertThat(console.driver.findElement(By.tagName("header")).getText()).contains("desk-approver");
        Cookie session = console.sessionCookie();
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getValue()).doesNotContain(console.desk.approverToken);
    }

    @Test
    void signingOutEndsTheSessionOnTheServer() {
        console.signIn(console.desk.registrantToken);
        Cookie before = console.sessionCookie();
        console.click(By.xpath("//button[normalize-space()='Sign out']"));
        assertThat(console.path()).isEqualTo("/ui/sign-in");
        assertThat(console.sessionCookie()).isNull();
        // The old cookie, replayed, opens nothing: the session is gone on the server, not only in this browser.
        console.driver.manage().addCookie(before);
        assertThat(console.getWithSession("/ui/models").status()).isEqualTo(303);
    }
}
