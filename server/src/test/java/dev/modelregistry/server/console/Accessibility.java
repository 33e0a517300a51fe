package dev.modelregistry.server.console;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The accessibility basics a page must meet: one h1 first, no heading level skipped, every form control labelled. */
final class Accessibility {
    private static final Pattern HEADING = Pattern.compile("<h([1-6])[ >]");
    private static final Pattern CONTROL = Pattern.compile("<(input|select|textarea)\\b([^>]*)>");
    private static final Pattern ID = Pattern.compile("\\bid=\"([^\"]+)\"");

    private Accessibility() {
    }

    static void check(String what, String html) {
        List<Integer> levels = new ArrayList<>();
        HEADING.matcher(html).results().forEach(m -> levels.add(Integer.parseInt(m.group(1))));
        assertThat(levels).as("%s has headings", what).isNotEmpty();
        assertThat(levels.get(0)).as("%s starts with h1", what).isEqualTo(1);
        assertThat(levels.stream().filter(level -> level == 1).count()).as("%s has one h1", what).isEqualTo(1);
        for (int i = 1; i < levels.size(); i++) {
            assertThat(levels.get(i)).as("%s: heading %d after h%d", what, i, levels.get(i - 1))
                    .isLessThanOrEqualTo(levels.get(i - 1) + 1);
        }
        Matcher controls = CONTROL.matcher(html);
        while (controls.find()) {
            String attributes = controls.group(2);
            if (attributes.contains("type=\"hidden\"")) {
                continue;
            }
            Matcher id = ID.matcher(attributes);
            assertThat(id.find()).as("%s: %s has an id", what, controls.group()).isTrue();
            assertThat(html).as("%s: %s is labelled", what, controls.group()).contains("<label for=\"" + id.group(1) + "\"");
        }
    }
}
