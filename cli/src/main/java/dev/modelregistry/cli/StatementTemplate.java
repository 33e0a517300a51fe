package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.dsse.EvaluationStatements;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The statement {@code sign-report --template} prints: the subject exactly as the registry will check it (the
 * version's model_id, and its lineage hash as the sha256 digest), the report id and objective the version names when
 * it names them, and {@code metrics} and the verdict as given ({@code --metric}, {@code --verdict}), else empty and
 * {@code fail} until the evaluator edits them, so that an unedited template can never be what a promotion passes on.
 */
final class StatementTemplate {
    static final String UNEDITED_VERDICT = "fail";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CommandLine verb;
    private final Clock clock;

    StatementTemplate(CommandLine verb, Clock clock) {
        this.verb = verb;
        this.clock = clock;
    }

    /** What the evaluator says on the command line; null fields are filled from the version or defaulted. */
    record Fields(String reportId, String objective, String evaluator, String verdict, Map<String, String> metrics) {
    }

    /** The statement for {@code version} (a {@code GET .../versions/{model_id}} answer) as a JSON tree. */
    JsonNode statement(JsonNode version, Fields given) {
        JsonNode named = version.path("evaluation");
        String objective = first(given.objective(), named.path("objective").textValue());
        if (objective == null) {
            throw new ParameterException(verb, version.path("model_id").asText() + " names no evaluation objective: "
                    + "give --objective NAME");
        }
        String reportId = first(given.reportId(), named.path("report_id").textValue());
        byte[] statement = EvaluationStatements.statement(version.path("model_id").asText(),
                version.path("lineage_hash").asText(), reportId == null ? newReportId() : reportId, objective,
                first(given.verdict(), UNEDITED_VERDICT), metrics(given.metrics()), given.evaluator(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        try {
            return JSON.readTree(statement);
        } catch (IOException e) {
            throw new IllegalStateException("a statement just written always parses", e);
        }
    }

    /** Each metric a number when its value reads as one (written as given: 0.031 stays 0.031), else a string. */
    private static ObjectNode metrics(Map<String, String> given) {
        ObjectNode metrics = JSON.createObjectNode();
        given.forEach((name, value) -> {
            try {
                metrics.put(name, new BigDecimal(value));
            } catch (NumberFormatException e) {
                metrics.put(name, value);
            }
        });
        return metrics;
    }

    private static String newReportId() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return "rep-" + HexFormat.of().formatHex(random);
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}
