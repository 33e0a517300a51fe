package dev.modelregistry.server.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.server.RegistryContext;
import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.auth.PrincipalService;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.testing.Backend;
import dev.modelregistry.server.testing.TestDatabases;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bootstrap admin of a new registry: created only by a start that succeeds, so its generated token is never
 * lost to a failed start, and recoverable offline ({@code modelreg admin reset-token}) when it is lost anyway.
 */
abstract class BootstrapAdminContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private ServerConfig config;
    private final List<AutoCloseable> opened = new ArrayList<>();

    abstract Backend backend();

    @BeforeEach
    void configure() {
        config = ServerConfig.embeddedDefaults(dataDir).withPort(0);
        if (backend() == Backend.POSTGRES) {
            String url = TestDatabases.freshPostgresSchemaUrl();
            config = config.withDb(url);
            opened.add(() -> TestDatabases.dropSchemaOf(url));
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    @Test
    void aStartThatCannotListenCreatesNoAdmin() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> RegistryServer.start(config.withPort(taken.getLocalPort())))
                    .isInstanceOf(RuntimeException.class);
        }
        RegistryServer server = RegistryServer.start(config);
        opened.add(server);
        String token = server.bootstrapAdminToken().orElseThrow(() ->
                new AssertionError("the first start that listens creates the admin"));
        assertThat(expect200(get(server, "/principals/admin", token)).body().get("admin").asBoolean())
                .isTrue();
    }

    @Test
    void resetTokenRevokesTheAdminsTokensAndIssuesANewOneAudited() {
        RegistryServer server = RegistryServer.start(config.withBootstrapAdminToken(TestRegistry.ADMIN_TOKEN));
        opened.add(server);
        PrincipalService.IssuedToken issued;
        try (RegistryContext offline = RegistryContext.open(config)) {
            issued = offline.services().principals().resetAdminToken();
        }
        assertThat(get(server, "/principals", TestRegistry.ADMIN_TOKEN).status()).isEqualTo(401);
        assertThat(get(server, "/principals", issued.secret()).status()).isEqualTo(200);

        JsonNode entries = expect200(get(server, "/audit", issued.secret())).body().get("items");
        List<String> recovery = new ArrayList<>();
        entries.forEach(entry -> {
            if ("offline-recovery".equals(entry.get("request_id").asText())) {
                recovery.add(entry.get("action").asText());
            }
        });
        assertThat(recovery).containsExactly("token.revoked", "token.created");
    }

    @Test
    void resetTokenOnARegistryWithoutAdminChangesNothing() {
        try (RegistryContext offline = RegistryContext.open(config.withBootstrapAdminToken(TestRegistry.ADMIN_TOKEN))) {
            assertThatThrownBy(() -> offline.services().principals().resetAdminToken())
                    .hasMessageContaining("start the server once");
            assertThat(offline.services().audit().page(Optional.empty(), 0, 10)).isEmpty();
        }
    }

    /** A GET on the running server: its status and JSON body. */
    private record Answer(int status, JsonNode body) {
    }

    private static Answer get(RegistryServer server, String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("Authorization", "Bearer " + token).GET().build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Answer expect200(Answer answer) {
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(200);
        return answer;
    }
}
