package dev.modelregistry.cli;

import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scenario through the real CLI against a real server on SQLite: set up a team, register, list, and
 * verify the audit log (a saved checkpoint for the quant, the full verify for the admin) — then edit an audit row in
 * the database and watch both fail.
 */
class CliAgainstRealServerTest {
    private static final String ADMIN = "cli-e2e-admin-token-0123456789abcdef01234";
    private static RegistryServer server;
    private static Map<String, String> adminEnv;

    @BeforeAll
    static void startServer() throws Exception {
        Path dir = Files.createTempDirectory("modelreg-cli-e2e");
        server = RegistryServer.start(ServerConfig.embeddedDefaults(dir).withPort(0).withBootstrapAdminToken(ADMIN));
        adminEnv = Map.of("MODELREG_URL", "http://127.0.0.1:" + server.port(), "MODELREG_TOKEN", ADMIN);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aQuantRegistersThroughTheCliAndTheAuditVerifiesUntilARowIsEdited() throws Exception {
        assertThat(CliRun.run(adminEnv, "principals", "create", "quant", "--kind", "user").exitCode()).isZero();
        assertThat(CliRun.run(adminEnv, "teams", "create", "desk").exitCode()).isZero();
        assertThat(CliRun.run(adminEnv, "teams", "add-member", "desk", "quant").exitCode()).isZero();
        CliRun token = CliRun.run(adminEnv, "tokens", "create", "quant", "--json");
        assertThat(token.exitCode()).isZero();
        String quantToken = token.out().replaceAll("(?s).*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        Map<String, String> quantEnv = Map.of("MODELREG_URL", adminEnv.get("MODELREG_URL"), "MODELREG_TOKEN", quantToken);

        CliRun register = CliRun.run(quantEnv, "register", "xsmom", "--commit", "a13fce0", "--feature-graph", "8b2e9f01",
                "--window", "2018-01-01", "2026-04-30", "--owner", "desk");
        assertThat(register.exitCode()).as(register.err()).isZero();
        assertThat(register.out()).contains("xsmom@");

        CliRun versions = CliRun.run(quantEnv, "versions", "xsmom");
        assertThat(versions.exitCode()).isZero();
        assertThat(versions.out()).contains("xsmom@").contains("candidate");

        CliRun refused = CliRun.run(quantEnv, "register", "xsmom", "--commit", "A13FCE0", "--feature-graph", "8b2e9f01",
                "--window", "2018-01-01", "2026-04-30");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("code_commit");

        server.auditIntegrator().integrateOnce();
        CliRun checkpoint = CliRun.run(quantEnv, "audit", "checkpoint");
        assertThat(checkpoint.exitCode()).as(checkpoint.err()).isZero();
        assertThat(checkpoint.out()).startsWith("model-registry/audit\n").contains("\n\n\u2014 model-registry/audit ");
        Path saved = Files.writeString(Files.createTempFile("cp", ".txt"), checkpoint.out());
        String since = saved.toString();
        assertThat(CliRun.run(quantEnv, "audit", "verify", "--since", since).exitCode()).isZero();
        assertThat(CliRun.run(quantEnv, "audit", "verify").exitCode()).as("the full verify is the admin's").isEqualTo(2);
        assertThat(CliRun.run(adminEnv, "audit", "verify").exitCode()).isZero();

        server.database().withHandle(h -> {
            h.execute("DROP TRIGGER audit_log_no_update");
            return h.execute("UPDATE audit_log SET actor = 'mallory' WHERE action = 'version.registered'");
        });
        server.auditIntegrator().integrateOnce();

        CliRun incremental = CliRun.run(quantEnv, "audit", "verify", "--since", since);
        assertThat(incremental.exitCode()).isEqualTo(1);
        assertThat(incremental.out()).contains("does NOT verify against the saved checkpoint");
        CliRun tampered = CliRun.run(adminEnv, "audit", "verify");
        assertThat(tampered.exitCode()).isEqualTo(1);
        assertThat(tampered.out() + tampered.err()).contains("modified");
    }
}
