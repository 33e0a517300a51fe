package dev.modelregistry.cli;

import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `orphans`, `models --health` and `reassign` against a real server. */
class OwnershipCliTest {
    private static final String ADMIN = "cli-owner-admin-token-0123456789abcdef012";
    private static RegistryServer server;
    private static Map<String, String> admin;

    @BeforeAll
    static void start() throws Exception {
        server = RegistryServer.start(ServerConfig.embeddedDefaults(Files.createTempDirectory("cli-owner")).withPort(0)
                .withBootstrapAdminToken(ADMIN));
        admin = Map.of("MODELREG_URL", "http://127.0.0.1:" + server.port(), "MODELREG_TOKEN", ADMIN);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anEmptiedTeamsModelIsListedAsAnOrphanUntilReassigned() {
        run(0, "principals", "create", "quant", "--kind", "user");
        run(0, "teams", "create", "desk");
        run(0, "teams", "add-member", "desk", "quant");
        run(0, "register", "lonely", "--commit", "a13fce0", "--feature-graph", "8b2e9f01", "--window", "2018-01-01",
                "2026-04-30", "--owner", "desk");
        assertThat(run(0, "orphans").out()).doesNotContain("lonely");

        run(0, "teams", "remove-member", "desk", "quant");
        CliRun orphans = run(0, "orphans");
        assertThat(orphans.out()).contains("lonely").contains("team emptied");
        assertThat(run(0, "models", "--health", "orphan").out()).contains("lonely").contains("orphan");

        run(0, "teams", "create", "heirs");
        run(0, "teams", "add-member", "heirs", "quant");
        assertThat(run(0, "reassign", "lonely", "heirs").out()).contains("heirs");
        assertThat(run(0, "orphans").out()).doesNotContain("lonely");
        assertThat(run(0, "models", "--health", "ok").out()).contains("lonely");
    }

    private static CliRun run(int expectedExit, String... args) {
        CliRun run = CliRun.run(admin, args);
        assertThat(run.exitCode()).as("%s: %s %s", String.join(" ", args), run.out(), run.err()).isEqualTo(expectedExit);
        return run;
    }
}
