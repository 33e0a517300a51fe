package dev.modelregistry.browser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The accessibility checker itself, on small pages with one known fault each: a checker that passes everything proves nothing. */
@ExtendWith(ConsoleExtension.class)
class BrowserAccessibilityCheckTest {
    private static final String GOOD_BODY = """
            <h1>Models</h1>
            <form><label for="q">Search</label><input id="q" name="q"><button>Find</button></form>
            <h2>Production</h2><a href="#a">xsmom</a>
            <label>Reason <textarea name="reason"></textarea></label>
            <select name="pct" aria-label="Canary share"><option>10</option></select>
            <input type="hidden" name="csrf" value="x">
            <svg role="img" aria-labelledby="dag"><title id="dag">Ensemble graph</title></svg>
            <img src="data:," alt="">
            <table><tr><td><details><summary>before / after</summary><pre>{}</pre></details></td></tr></table>
            <a href="#hidden" style="display:none">not rendered, not a tab stop</a>
            """;
    private final Console console;

    BrowserAccessibilityCheckTest(Console console) {
        this.console = console;
    }

    private List<String> problemsOf(String body) {
        String html = "<!doctype html><html lang=\"en\"><head><title>t</title></head><body>" + body + "</body></html>";
        console.driver.get("data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20"));
        return AccessibilityCheck.problems(console.driver);
    }

    @Test
    void aPageWithLabelsOneH1OrderedHeadingsAndTextAlternativesPasses() {
        assertThat(problemsOf(GOOD_BODY)).isEmpty();
    }

    @Test
    void aControlWithoutALabelIsNamed() {
        assertThat(problemsOf(GOOD_BODY + "<input name=\"owner\"><label>Team</label>"))
                .containsExactly("form control without a label: input[name=owner]");
    }

    @Test
    void aSecondH1AndASkippedLevelAreFound() {
        assertThat(problemsOf(GOOD_BODY + "<h4>Canary</h4><h1>Again</h1>")).containsExactly(
                "expected exactly one <h1>, found 2", "heading skips a level: <h4> \"Canary\" after <h2>");
    }

    @Test
    void aPageThatStartsBelowH1IsFound() {
        assertThat(problemsOf("<h2>Versions</h2>")).containsExactly("expected exactly one <h1>, found 0",
                "heading skips a level: <h2> \"Versions\" after the start of the page");
    }

    @Test
    void aLinkTheKeyboardCannotReachIsNamed() {
        // A control that swallows Tab traps the focus: what follows it is never reached.
        String trap = "<input id=\"trap\" aria-label=\"trap\"><a href=\"#later\">later</a>"
                + "<script>trap.addEventListener('keydown', e => { if (e.key === 'Tab') e.preventDefault(); });</script>";
        assertThat(problemsOf("<h1>Trap</h1>" + trap)).containsExactly("not reachable with Tab: a \"later\"");
    }

    @Test
    void imagesAndSvgWithoutTextAlternativesAreFound() {
        assertThat(problemsOf("<h1>Graph</h1><svg><rect width=\"1\" height=\"1\"/></svg><img src=\"data:,\">"))
                .containsExactlyInAnyOrder("<svg> without a text alternative (aria-label, aria-labelledby or <title>)",
                        "image without alt: data:,");
    }

    @Test
    void buttonsAndLinksWithoutTextAreFound() {
        assertThat(problemsOf("<h1>Icons</h1><button></button><a href=\"#x\"></a>"))
                .containsExactly("button without text: button", "link without text: #x");
    }
}
