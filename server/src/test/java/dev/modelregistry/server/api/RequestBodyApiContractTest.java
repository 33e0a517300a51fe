package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies that are not a JSON object of sane size: refused before anything happens, never a 5xx. */
abstract class RequestBodyApiContractTest extends ApiTestSupport {
    private static final int TWO_MIB = 2 * 1024 * 1024;

    private static String team;
    private static String member;

    @BeforeAll
    static void ownerTeam() {
        team = unique("owners");
        member = teamWithMember(team);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"code_commit\": }", "{}x", "{} {}", "not json", "{'code_commit':'abc1234'}",
            "{\"a\":1,}"})
    void malformedJsonIsRefused(String body) {
        String model = unique("malformed");
        assertProblem(post("/models/" + model + "/versions", member, body), 400, "malformed-request");
        assertProblem(get("/models/" + model, member), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"code_commit\":\"abc1234\"}]", "\"text\"", "1", "true", "null", ""})
    void bodyThatIsNotAJsonObjectIsRefused(String body) {
        assertProblem(post("/models/" + unique("array") + "/versions", member, body), 400, "malformed-request");
    }

    @Test
    void duplicateKeysAreRefused() {
        String model = unique("dupkeys");
        String body = registration(team).toString().replaceFirst("\\{", "{\"owner\":\"elsewhere\",");

        assertProblem(post("/models/" + model + "/versions", member, body), 400, "malformed-request");

        assertProblem(get("/models/" + model, member), 404, "not-found");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpRequest request = registry.request("/models/" + unique("utf8") + "/versions", member)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        assertProblem(send(request), 400, "malformed-request");
    }

    @ParameterizedTest
    @ValueSource(ints = {63, 5000})
    void jsonNestedDeeperThan64LevelsIsRefusedNamingTheField(int arrays) {
        // The body is level 1, hyperparams 2, its "x" 3: 62 arrays reach 64, one more is too deep.
        String nested = "[".repeat(arrays) + "]".repeat(arrays);
        String body = registration(team).toString().replaceFirst("\\{", "{\"hyperparams\":{\"x\":" + nested + "},");
        String model = unique("deep");

        Response response = assertInvalidFields(post("/models/" + model + "/versions", member, body), "hyperparams");

        assertThat(response.body().get("errors").get(0).get("message").asText()).contains("64 levels");
        assertProblem(get("/models/" + model, member), 404, "not-found");
    }

    @Test
    void jsonNested64LevelsDeepIsAccepted() {
        String nested = "[".repeat(62) + "]".repeat(62);
        String body = registration(team).toString().replaceFirst("\\{", "{\"hyperparams\":{\"x\":" + nested + "},");
        assertStatus(201, post("/models/" + unique("deep-ok") + "/versions", member, body));
    }

    @Test
    void deeplyNestedJsonIsRefusedOnAdminRoutesToo() {
        String body = "{\"name\":\"" + unique("deep") + "\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}";
        assertInvalidFields(post("/teams", ADMIN, body), "x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml"})
    void bodyNotSentAsJsonIsUnsupportedMediaType(String contentType) {
        String model = unique("media");
        Response response = post("/models/" + model + "/versions", member, registration(team).toString(),
                Map.of("Content-Type", contentType));

        assertProblem(response, 415, "unsupported-media-type");
        assertProblem(get("/models/" + model, member), 404, "not-found");
    }

    @Test
    void bodyWithoutContentTypeIsUnsupportedMediaType() {
        HttpRequest request = registry.request("/teams", ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(nameBody(unique("untyped")).toString())).build();
        assertProblem(send(request), 415, "unsupported-media-type");
    }

    @Test
    void jsonWithCharsetParameterIsAccepted() {
        Response response = post("/models/" + unique("charset") + "/versions", member, registration(team).toString(),
                Map.of("Content-Type", "application/json; charset=utf-8"));
        assertStatus(201, response);
    }

    @Test
    void registrationOverTheSizeLimitIsRefusedAndCreatesNothing() {
        String model = unique("huge");

        Response response = post("/models/" + model + "/versions", member, oversizedRegistration());

        assertProblem(response, 413, "payload-too-large");
        assertProblem(get("/models/" + model, member), 404, "not-found");
    }

    @Test
    void oversizedBodyWithoutContentLengthIsRefused() {
        String model = unique("chunked");
        byte[] body = oversizedRegistration().getBytes(StandardCharsets.UTF_8);
        HttpRequest request = registry.request("/models/" + model + "/versions", member)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();

        assertProblem(send(request), 413, "payload-too-large");

        assertProblem(get("/models/" + model, member), 404, "not-found");
    }

    @Test
    void oversizedBodyIsRefusedOnAdminRoutesToo() {
        String padded = "{\"name\":\"" + unique("big") + "\",\"pad\":\"" + "x".repeat(TWO_MIB) + "\"}";
        assertProblem(post("/teams", ADMIN, padded), 413, "payload-too-large");
    }

    @Test
    void serverStillAnswersAfterRefusingAnOversizedBody() {
        post("/models/" + unique("huge") + "/versions", member, oversizedRegistration());
        assertStatus(201, post("/models/" + unique("after") + "/versions", member, registration(team)));
    }

    @Test
    void hostileStringsInHyperparamsAreStoredVerbatim() {
        ObjectNode body = registration(team);
        body.putObject("hyperparams").put("sql", "x'); DROP TABLE model_versions;--").put("nul", "a\u0000b")
                .put("emoji", "\uD83D\uDE80").put("path", "../../etc/passwd");

        assertThat(register(unique("hostile"), member, body).get("hyperparams")).isEqualTo(body.get("hyperparams"));
    }

    /** A valid registration padded past the default 1 MiB limit with a large hyperparameter. */
    private static String oversizedRegistration() {
        ObjectNode body = registration(team);
        body.putObject("hyperparams").put("padding", "x".repeat(TWO_MIB));
        return body.toString();
    }
}
