package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
import dev.modelregistry.core.error.RegistryException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static dev.modelregistry.client.FakeRegistry.JSON;
import static dev.modelregistry.client.FakeRegistry.PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RegistryClientErrorTest {
    private FakeRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        client = new RegistryClient(registry.uri(), "t");
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    @Test
    void aValidationProblemBecomesARegistryExceptionWithItsFieldErrors() {
        registry.on("POST", "/models/xsmom/versions", 400, PROBLEM, """
                {"type": "urn:model-registry:problem:validation-failed", "title": "One or more fields are invalid",
                 "status": 400, "detail": "code_commit: must be lower-case hex",
                 "errors": [{"field": "code_commit", "message": "must be lower-case hex"},
                            {"field": "data_window", "message": "start is after end"}],
                 "request_id": "req-42"}""");

        ProblemException problem = catchThrowableOfType(ProblemException.class,
                () -> client.registerVersion("xsmom", new ObjectMapper().createObjectNode()));

        assertThat(problem).isInstanceOf(RegistryException.class);
        assertThat(problem.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).isEqualTo("code_commit: must be lower-case hex");
        assertThat(problem.title()).isEqualTo("One or more fields are invalid");
        assertThat(problem.errors()).containsExactly(
                new FieldError("code_commit", "must be lower-case hex"),
                new FieldError("data_window", "start is after end"));
        assertThat(problem.requestId()).isEqualTo("req-42");
    }

    @Test
    void eachKnownProblemTypeMapsToItsErrorCode() {
        registry.on("GET", "/models/nope", 404, PROBLEM, """
                {"type": "urn:model-registry:problem:not-found", "title": "No such resource", "status": 404,
                 "detail": "model nope does not exist"}""");
        registry.on("POST", "/teams", 403, PROBLEM, """
                {"type": "urn:model-registry:problem:admin-required", "title": "Only an admin may do this",
                 "status": 403, "detail": "alice is not an admin"}""");

        ProblemException notFound = catchThrowableOfType(ProblemException.class, () -> client.model("nope"));
        ProblemException forbidden = catchThrowableOfType(ProblemException.class,
                () -> client.access().createTeam("quant"));

        assertThat(notFound.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(notFound.getMessage()).isEqualTo("model nope does not exist");
        assertThat(notFound.errors()).isEmpty();
        assertThat(forbidden.code()).isEqualTo(ErrorCode.ADMIN_REQUIRED);
        assertThat(forbidden.isClientError()).isTrue();
    }

    @Test
    void anUnknownProblemTypeFallsBackToInternalButKeepsStatusAndTitle() {
        registry.on("GET", "/models/xsmom", 418, PROBLEM, """
                {"type": "urn:model-registry:problem:teapot", "title": "I am a teapot", "status": 418,
                 "detail": "short and stout"}""");

        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> client.model("xsmom"));

        assertThat(problem.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(problem.status()).isEqualTo(418);
        assertThat(problem.type()).isEqualTo("urn:model-registry:problem:teapot");
        assertThat(problem.title()).isEqualTo("I am a teapot");
        assertThat(problem.getMessage()).isEqualTo("short and stout");
    }

    @Test
    void aNonProblemErrorBodyBecomesInternalNamingTheRequestAndStatus() {
        registry.on("GET", "/models", 502, "text/html", "<html><body>Bad Gateway</body></html>",
                Map.of("X-Request-Id", "req-proxy"));

        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> client.models(null, null));

        assertThat(problem.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(problem.status()).isEqualTo(502);
        assertThat(problem.isClientError()).isFalse();
        assertThat(problem.getMessage()).contains("GET", registry.uri() + "/models", "502", "Bad Gateway");
        assertThat(problem.requestId()).isEqualTo("req-proxy");
    }

    @Test
    void aRegistryThatIsNotReadyIsThrownAsUnavailable() {
        registry.on("GET", "/readyz", 503, PROBLEM, """
                {"type": "urn:model-registry:problem:unavailable", "title": "A backing service is unavailable; retry later",
                 "status": 503, "detail": "database is not reachable"}""");

        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> client.ready());

        assertThat(problem.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(problem.status()).isEqualTo(503);
    }

    @Test
    void aSuccessWithABodyThatIsNotJsonIsReportedNotSwallowed() {
        registry.on("GET", "/models/xsmom", 200, "text/html", "<html>login page</html>");

        ProblemException problem = catchThrowableOfType(ProblemException.class, () -> client.model("xsmom"));

        assertThat(problem.code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(problem.getMessage()).contains("not JSON");
    }

    @Test
    void aRefusedConnectionNamesTheUrl() throws Exception {
        URI gone;
        try (FakeRegistry closed = new FakeRegistry()) {
            gone = closed.uri();
        }
        try (RegistryClient unreachable = new RegistryClient(gone, "t")) {
            RegistryUnreachableException failure = catchThrowableOfType(RegistryUnreachableException.class,
                    unreachable::health);

            assertThat(failure.getMessage()).contains(gone + "/healthz", "could not connect");
            assertThat(failure.uri()).isEqualTo(URI.create(gone + "/healthz"));
        }
    }

    @Test
    void aFailedAuditVerificationIsAnAnswerNotAnError() {
        registry.on("GET", "/audit/verify", 200, JSON,
                "{\"ok\": false, \"entries\": 12, \"chains\": 3, \"problems\": [{\"chain\": \"model:x\", \"seq\": 7}]}");

        JsonNode verification = client.access().verifyAudit();

        assertThat(verification.get("ok").asBoolean()).isFalse();
        assertThat(verification.get("problems")).hasSize(1);
    }
}
