package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rule of the registration body: a body that breaks one gets 400 validation-failed naming exactly the
 * offending field, and nothing is registered.
 */
abstract class RegistrationValidationApiContractTest extends ApiTestSupport {
    private static String team;
    private static String member;

    @BeforeAll
    static void ownerTeam() {
        team = unique("owners");
        member = teamWithMember(team);
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                invalid("code_commit in upper case", b -> b.put("code_commit", "ABCDEF0123"), "code_commit"),
                invalid("code_commit of 6 characters", b -> b.put("code_commit", "abcdef"), "code_commit"),
                invalid("code_commit of 65 characters", b -> b.put("code_commit", "a".repeat(65)), "code_commit"),
                invalid("code_commit not hex", b -> b.put("code_commit", "xyz1234"), "code_commit"),
                invalid("code_commit a number", b -> b.put("code_commit", 1234567), "code_commit"),
                invalid("code_commit missing", b -> b.remove("code_commit"), "code_commit"),
                invalid("code_commit null", b -> b.putNull("code_commit"), "code_commit"),
                invalid("feature_graph_hash in upper case", b -> b.put("feature_graph_hash", "ABCDEF0"), "feature_graph_hash"),
                invalid("feature_graph_hash not hex", b -> b.put("feature_graph_hash", "8b2e-zz"), "feature_graph_hash"),
                invalid("feature_graph_hash of 6 characters", b -> b.put("feature_graph_hash", "abcdef"), "feature_graph_hash"),
                invalid("feature_graph_hash of 129 characters", b -> b.put("feature_graph_hash", "a".repeat(129)),
                        "feature_graph_hash"),
                invalid("feature_graph_hash missing", b -> b.remove("feature_graph_hash"), "feature_graph_hash"),
                invalid("data_window missing", b -> b.remove("data_window"), "data_window"),
                invalid("data_window a string", b -> b.put("data_window", "2018-01-01"), "data_window"),
                invalid("data_window of one element", b -> b.set("data_window", array("2018-01-01")), "data_window"),
                invalid("data_window of three elements",
                        b -> b.set("data_window", array("2018-01-01", "2019-01-01", "2020-01-01")), "data_window"),
                invalid("data_window of numbers", b -> b.set("data_window", array(2018, 2019)), "data_window"),
                invalid("data_window with a null", b -> b.set("data_window", array("2018-01-01", null)), "data_window"),
                invalid("data_window with an impossible date",
                        b -> b.set("data_window", array("2026-02-30", "2026-03-01")), "data_window[0]"),
                invalid("data_window with a timestamp without offset",
                        b -> b.set("data_window", array("2026-01-01T00:00:00", "2026-03-01")), "data_window[0]"),
                invalid("data_window with a US date",
                        b -> b.set("data_window", array("2026-01-01", "03/01/2026")), "data_window[1]"),
                invalid("data_window with an impossible time",
                        b -> b.set("data_window", array("2026-01-01", "2026-03-01T25:00:00Z")), "data_window[1]"),
                invalid("data_window with start after end",
                        b -> b.set("data_window", array("2026-03-01", "2026-01-01")), "data_window"),
                invalid("data_window with start after end across offsets",
                        b -> b.set("data_window", array("2026-01-01T10:00:00+00:00", "2026-01-01T11:00:00+02:00")),
                        "data_window"),
                invalid("an unknown top-level field", b -> b.put("weights_sha256", "abc"), "weights_sha256"),
                invalid("evaluation not an object", b -> b.put("evaluation", "rep_1"), "evaluation"),
                invalid("an unknown field inside evaluation",
                        b -> b.putObject("evaluation").put("report_id", "r").put("objective", "o").put("score", 1),
                        "evaluation.score"),
                invalid("evaluation without objective",
                        b -> b.putObject("evaluation").put("report_id", "r"), "evaluation.objective"),
                invalid("evaluation with a numeric report_id",
                        b -> b.putObject("evaluation").put("report_id", 7).put("objective", "o"), "evaluation.report_id"),
                invalid("evaluation with a report_id of 129 characters",
                        b -> b.putObject("evaluation").put("report_id", "r".repeat(129)).put("objective", "o"),
                        "evaluation.report_id"),
                invalid("hyperparams an array", b -> b.set("hyperparams", array(1, 2)), "hyperparams"),
                invalid("hyperparams a string", b -> b.put("hyperparams", "lr=0.1"), "hyperparams"),
                invalid("training_distribution a number", b -> b.put("training_distribution", 5), "training_distribution"),
                invalid("labels not an object", b -> b.set("labels", array("a")), "labels"),
                invalid("a label with a number value", b -> b.putObject("labels").put("desk", 1), "labels.desk"),
                invalid("a label with an object value",
                        b -> b.putObject("labels").putObject("desk").put("a", "b"), "labels.desk"),
                invalid("a label value of 257 characters",
                        b -> b.putObject("labels").put("desk", "x".repeat(257)), "labels.desk"),
                invalid("a label value with a control character",
                        b -> b.putObject("labels").put("desk", "a\u0000b"), "labels.desk"),
                invalid("a label key with a space", b -> b.putObject("labels").put("bad key", "v"), "labels.bad key"),
                invalid("a label key of 64 characters",
                        b -> b.putObject("labels").put("k".repeat(64), "v"), "labels." + "k".repeat(64)),
                invalid("65 labels", b -> {
                    ObjectNode labels = b.putObject("labels");
                    for (int i = 0; i < 65; i++) {
                        labels.put("label-" + i, "v");
                    }
                }, "labels"),
                invalid("257 parents", b -> {
                    ArrayNode parents = b.putArray("parents");
                    for (int i = 1; i <= 257; i++) {
                        parents.add("xsmom@2026.01.01-r" + i);
                    }
                }, "parents"),
                invalid("parents not an array", b -> b.put("parents", "x@2026.01.01-r1"), "parents"),
                invalid("a parent that is no model_id", b -> b.set("parents", array("not-a-model-id")), "parents[0]"),
                invalid("a parent with an upper-case model name",
                        b -> b.set("parents", array("Bad@2026.01.01-r1")), "parents[0]"),
                invalid("a parent with an impossible date",
                        b -> b.set("parents", array("xsmom@2026.02.30-r1")), "parents[0]"),
                invalid("a parent that is a number", b -> b.set("parents", array(5)), "parents[0]"),
                invalid("a parent named twice",
                        b -> b.set("parents", array("xsmom@2026.01.01-r1", "xsmom@2026.01.01-r1")), "parents[1]"),
                invalid("owner in upper case", b -> b.put("owner", "Quant"), "owner"),
                invalid("owner a number", b -> b.put("owner", 3), "owner"),
                invalid("owner of 64 characters", b -> b.put("owner", "o".repeat(64)), "owner"),
                invalid("owner with SQL metacharacters", b -> b.put("owner", "q'; drop table teams;--"), "owner"));
    }

    private static Arguments invalid(String why, Consumer<ObjectNode> mutation, String field) {
        return Arguments.of(Named.of(why, mutation), field);
    }

    @ParameterizedTest
    @MethodSource("invalidBodies")
    void invalidRegistrationIsRefusedNamingTheFieldAndCreatesNothing(Consumer<ObjectNode> mutation, String field) {
        String model = unique("invalid");
        ObjectNode body = registration(team);
        mutation.accept(body);

        Response response = post("/models/" + model + "/versions", member, body);

        assertInvalidFields(response, field);
        assertProblem(get("/models/" + model, member), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "[1, 2e999]", "{\"deep\": 1e309}"})
    void numbersBeyondADoubleAreRefusedRatherThanStoredAsInfinity(String number) {
        String model = unique("infinite");
        for (String field : new String[] {"hyperparams", "training_distribution"}) {
            String body = registration(team).toString().replaceFirst("\\{", "{\"" + field + "\":{\"x\":" + number + "},");

            assertInvalidFields(post("/models/" + model + "/versions", member, body), field);
        }
        assertProblem(get("/models/" + model, member), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012345678901234567890", "1.00000000000000000000001", "-0.0", "1e308"})
    void largeButFiniteNumbersAreAccepted(String number) {
        String body = registration(team).toString().replaceFirst("\\{", "{\"hyperparams\":{\"x\":" + number + "},");
        assertStatus(201, post("/models/" + unique("finite") + "/versions", member, body));
    }

    @Test
    void parentThatIsNotRegisteredIsRefused() {
        String model = unique("orphan-parent");
        ObjectNode body = registration(team);
        body.set("parents", array("no-such-model@2026.01.01-r1"));

        assertInvalidFields(post("/models/" + model + "/versions", member, body), "parents[0]");

        assertProblem(get("/models/" + model, member), 404, "not-found");
    }

    @Test
    void onlyTheUnregisteredParentIsNamed() {
        String child = register(unique("child"), member, registration(team)).get("model_id").asText();
        ObjectNode body = registration(team);
        body.set("parents", array(child, "no-such-model@2026.01.01-r1"));

        assertInvalidFields(post("/models/" + unique("ensemble") + "/versions", member, body), "parents[1]");
    }

    @Test
    void everyInvalidFieldIsReportedAtOnce() {
        ObjectNode body = registration(team);
        body.put("code_commit", "XYZ").put("feature_graph_hash", 5).put("colour", "red");
        body.set("data_window", array("2026-01-01"));

        Response response = post("/models/" + unique("many") + "/versions", member, body);

        assertInvalidFields(response, "code_commit", "feature_graph_hash", "data_window", "colour");
    }

    @Test
    void boundaryLengthsAreAccepted() {
        ObjectNode body = registration(team);
        body.put("code_commit", randomHex(7)).put("feature_graph_hash", randomHex(128));
        register(unique("short"), member, body);

        ObjectNode longest = registration(team);
        longest.put("code_commit", randomHex(64)).put("feature_graph_hash", randomHex(7));
        register(unique("long"), member, longest);
    }

    @Test
    void timestampsWithOffsetsAndEqualEndsAreAccepted() {
        ObjectNode body = registration(team);
        body.set("data_window", array("2026-01-01T10:00:00.123456+02:00", "2026-01-01T08:00:00.123456Z"));

        assertThat(register(unique("ts"), member, body).get("data_window")).isEqualTo(body.get("data_window"));
    }

    @Test
    void nullOptionalFieldsCountAsAbsent() {
        ObjectNode body = registration(team);
        body.putNull("evaluation").putNull("hyperparams").putNull("parents").putNull("labels")
                .putNull("training_distribution");

        register(unique("nulls"), member, body);
    }
}
