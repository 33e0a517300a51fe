package dev.modelregistry.server.api;

import dev.modelregistry.server.config.ArtifactConfig;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The artifact size limit: announced or discovered while streaming, the answer is 413 and nothing is kept. */
abstract class ArtifactLimitApiContractTest extends ApiTestSupport {
    private static final long LIMIT = 64 * 1024;
    private static String version;

    @Override
    ServerConfig config() {
        return super.config().withArtifacts(new ArtifactConfig(Optional.empty(), LIMIT));
    }

    @BeforeAll
    static void version() {
        TestRegistry.expect(201, registry.post("/teams", TestRegistry.ADMIN_TOKEN, "{\"name\":\"desk\"}"));
        version = TestRegistry.expect(201, registry.post("/models/limited/versions", TestRegistry.ADMIN_TOKEN,
                "{\"code_commit\":\"a13fce0\",\"feature_graph_hash\":\"8b2e9f01\",\"data_window\":[\"2018-01-01\",\"2026-04-30\"],\"owner\":\"desk\"}"))
                .body().get("model_id").asText();
    }

    @Test
    void anAnnouncedLengthOverTheLimitIsRefusedAtOnce() {
        TestRegistry.Response response = registry.send(upload("announced.bin",
                HttpRequest.BodyPublishers.ofByteArray(new byte[(int) LIMIT + 1])));
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.problemType()).isEqualTo("urn:model-registry:problem:payload-too-large");
        assertThat(listing()).isEqualTo(0);
    }

    @Test
    void aStreamedBodyWithoutLengthIsCutOffAtTheLimit() {
        byte[] body = new byte[(int) LIMIT * 3];
        TestRegistry.Response response = registry.send(upload("chunked.bin",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertThat(response.status()).isEqualTo(413);
        assertThat(listing()).isEqualTo(0);
    }

    @Test
    void exactlyTheLimitIsAccepted() {
        TestRegistry.Response response = registry.send(upload("exact.bin",
                HttpRequest.BodyPublishers.ofByteArray(new byte[(int) LIMIT])));
        assertThat(response.status()).isEqualTo(201);
    }

    private static HttpRequest upload(String path, HttpRequest.BodyPublisher body) {
        return registry.request("/models/limited/versions/" + version + "/artifacts/" + path, TestRegistry.ADMIN_TOKEN)
                .PUT(body).build();
    }

    private static int listing() {
        int count = 0;
        for (var item : registry.get("/models/limited/versions/" + version + "/artifacts", TestRegistry.ADMIN_TOKEN)
                .body().get("items")) {
            if (!item.get("path").asText().equals("exact.bin")) {
                count++;
            }
        }
        return count;
    }
}
