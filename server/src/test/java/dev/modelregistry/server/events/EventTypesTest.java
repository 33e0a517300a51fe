package dev.modelregistry.server.events;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every audit action the server can write is an event type a subscription may name: the action literals of every
 * source that builds an {@code AuditEvent} are all in {@link EventTypes#ACTIONS}, so a feature that adds an action
 * (or a branch merged with one) fails here until the list has it.
 */
class EventTypesTest {
    private static final Pattern ACTION = Pattern.compile("\"([a-z_]+\\.[a-z_]+)\"");

    @Test
    void everyAuditActionInTheSourcesIsAKnownEventType() throws IOException {
        Set<String> actions = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                if (source.contains("AuditEvent")) {
                    Matcher matcher = ACTION.matcher(source);
                    while (matcher.find()) {
                        actions.add(matcher.group(1));
                    }
                }
            }
        }
        assertThat(actions).as("audit actions found in the sources").contains("deployment.promoted", "team.created");
        assertThat(EventTypes.ACTIONS).containsAll(actions);
    }

    @Test
    void typesAreTheActionsUnderTheRegistrysPrefix() {
        assertThat(EventTypes.of("deployment.rolled_back")).isEqualTo("dev.modelregistry.deployment.rolled_back");
        assertThat(EventTypes.isKnown("dev.modelregistry.model.health_changed")).isTrue();
        assertThat(EventTypes.isKnown("model.health_changed")).isFalse();
        assertThat(EventTypes.ACTIONS).doesNotHaveDuplicates();
    }
}
