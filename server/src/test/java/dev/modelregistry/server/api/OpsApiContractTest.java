package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, readiness, metrics, the OpenAPI document, request ids, and requests no route matches. */
abstract class OpsApiContractTest extends ApiTestSupport {

    @Test
    void healthzAnswersOkWithoutToken() {
        Response response = assertStatus(200, get("/healthz", null));
        assertThat(response.body().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void readyzAnswersReadyWithoutTokenWhileTheDatabaseAnswers() {
        Response response = assertStatus(200, get("/readyz", null));
        assertThat(response.body().get("status").asText()).isEqualTo("ready");
    }

    @Test
    void metricsNeedAToken() {
        assertProblem(get("/metrics", null), 401, "unauthenticated");
    }

    @Test
    void metricsExposeRequestTimingsToAnyPrincipal() {
        assertStatus(200, get("/healthz", null));

        Response response = assertStatus(200, get("/metrics", user(unique("scraper"))));

        assertThat(response.contentType()).startsWith("text/plain");
        assertThat(response.text()).contains("http_server_requests");
    }

    @Test
    void openApiDocumentIsPublicJsonOfVersion31() throws Exception {
        Response response = assertStatus(200, get("/openapi.json", null));

        JsonNode document = JSON.readTree(response.text());

        assertThat(response.contentType()).startsWith("application/json");
        assertThat(document.get("openapi").asText()).startsWith("3.1.");
        assertThat(document.get("paths").size()).isPositive();
    }

    @Test
    void saneRequestIdIsEchoedAndOtherwiseGenerated() {
        HttpRequest sane = registry.request("/healthz", null).header("X-Request-Id", "trace-42.a:b_c").GET().build();
        HttpRequest hostile = registry.request("/healthz", null).header("X-Request-Id", "x\"<script>").GET().build();

        assertThat(send(sane).header("X-Request-Id")).isEqualTo("trace-42.a:b_c");
        assertThat(send(hostile).header("X-Request-Id")).isNotBlank().isNotEqualTo("x\"<script>");
        assertThat(get("/healthz", null).header("X-Request-Id")).isNotBlank();
    }

    @Test
    void problemCarriesTheRequestId() {
        Response response = get("/no-such-route", ADMIN);
        assertThat(response.body().get("request_id").asText()).isEqualTo(response.header("X-Request-Id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/no-such-route", "/models/a/b/c/d/e", "/keys-not-yet"})
    void unknownRouteIsNotFoundProblem(String path) {
        assertProblem(get(path, ADMIN), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/models/a%00b", "/teams/%00", "/principals/a%00/tokens"})
    void pathJettyRefusesBeforeRoutingStillGetsAProblem(String path) {
        assertProblem(get(path, ADMIN), 400, "malformed-request");
    }

    @Test
    void oversizedHeaderIsRefusedWithAProblem() {
        HttpRequest request = registry.request("/teams", ADMIN).header("X-Padding", "x".repeat(64 * 1024)).GET().build();

        Response response = send(request);

        assertThat(response.status()).isIn(413, 431);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void wrongMethodOnAKnownPathIsMethodNotAllowed() {
        assertProblem(delete("/teams", ADMIN), 405, "method-not-allowed");
        assertProblem(put("/healthz", null), 405, "method-not-allowed");
    }
}
