package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.cli.Output.Column;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutputTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final StringWriter printed = new StringWriter();

    @Test
    void tableColumnsAreAlignedToTheWidestCellWithoutTrailingBlanks() throws Exception {
        List<JsonNode> items = List.of(
                MAPPER.readTree("{\"name\": \"xsmom\", \"owner\": \"team-mid-frequency\", \"created_at\": \"2026-11-26T22:00:38.123456Z\"}"),
                MAPPER.readTree("{\"name\": \"a\", \"owner\": \"q\", \"created_at\": null}"));

        output(false).table(items, List.of(Column.field("NAME", "name"), Column.field("OWNER", "owner"),
                Column.time("CREATED", "created_at")));

        assertThat(printed.toString()).isEqualTo("""
                NAME   OWNER               CREATED
                xsmom  team-mid-frequency  2026-11-26T22:00:38Z
                a      q                   -
                """);
    }

    @Test
    void anEmptyListStillPrintsItsHeader() {
        output(false).table(List.of(), List.of(Column.field("NAME", "name"), Column.field("OWNER", "owner")));

        assertThat(printed.toString()).isEqualTo("NAME  OWNER\n");
    }

    @Test
    void fieldsAreAlignedAndNestedOrMissingValuesReadable() throws Exception {
        output(false).fields(MAPPER.readTree("""
                {"model_id": "x@2026.01.02-r1", "parents": ["a@2026.01.01-r1", "b@2026.01.01-r2"],
                 "hyperparams": {"lr": 0.1}, "ready_at": null, "members": []}"""));

        assertThat(printed.toString()).isEqualTo("""
                model_id:    x@2026.01.02-r1
                parents:     a@2026.01.01-r1,b@2026.01.01-r2
                hyperparams: {"lr":0.1}
                ready_at:    -
                members:     -
                """);
    }

    @Test
    void controlCharactersFromTheServerCannotReachTheTerminal() throws Exception {
        output(false).fields(MAPPER.readTree("{\"description\": \"evil\\u001b[2Jtext\"}"));

        assertThat(printed.toString()).doesNotContain("\u001b").contains("evil?[2Jtext");
    }

    @Test
    void aFollowedListPrintsAsOneDocumentUnderJson() throws Exception {
        output(true).list(List.of(MAPPER.readTree("{\"name\": \"a\"}")), List.of(Column.field("NAME", "name")));

        JsonNode document = MAPPER.readTree(printed.toString());
        assertThat(document.get("items")).hasSize(1);
        assertThat(document.get("next").isNull()).isTrue();
        assertThat(printed.toString()).contains("\n  \"items\"");
    }

    @Test
    void confirmationsArePrintedForHumansOnly() {
        output(true).done("revoked token tok_1");

        assertThat(printed.toString()).isEmpty();
    }

    private Output output(boolean json) {
        return new Output(new PrintWriter(printed, true), json);
    }
}
