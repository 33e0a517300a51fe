package dev.modelregistry.cli;

import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code audit verify --since} from an auditor's machine: the keys it trusts come from the auditor (the saved
 * checkpoint's signer, a saved key list), and a registry that lost its checkpoints fails verification (exit 1)
 * rather than erroring (exit 2). Each test has a server of its own: they tamper with its database.
 */
class AuditVerifyCliTest {
    private static final String ADMIN = "cli-audit-admin-token-0123456789abcdef0123";
    private RegistryServer server;
    private Map<String, String> env;
    private Path dir;

    @BeforeEach
    void startServer() throws Exception {
        dir = Files.createTempDirectory("modelreg-cli-audit");
        server = RegistryServer.start(ServerConfig.embeddedDefaults(dir).withPort(0).withBootstrapAdminToken(ADMIN));
        env = Map.of("MODELREG_URL", "http://127.0.0.1:" + server.port(), "MODELREG_TOKEN", ADMIN);
        assertThat(CliRun.run(env, "teams", "create", "desk").exitCode()).isZero();
        server.auditIntegrator().integrateOnce();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void aSavedKeyListPinsTheKeysAndAFileWhoseIdsDoNotMatchItsKeysIsRefused() throws Exception {
        Path checkpoint = save("cp.txt", CliRun.run(env, "audit", "checkpoint"));
        CliRun keys = CliRun.run(env, "audit", "keys", "--json");
        Path keyList = save("keys.json", keys);
        assertThat(keys.out()).contains("\"key_id\"").contains("\"public_key\"");
        assertThat(CliRun.run(env, "audit", "keys").out()).contains("KEY_ID");

        CliRun pinned = CliRun.run(env, "audit", "verify", "--since", checkpoint.toString(), "--trusted-keys",
                keyList.toString());
        assertThat(pinned.exitCode()).as(pinned.out() + pinned.err()).isZero();

        String otherKey = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="; // RFC 8032's first test key, not the log's
        Path forged = Files.writeString(dir.resolve("forged.json"), keys.out().replaceAll(
                "\"public_key\"\\s*:\\s*\"[^\"]+\"", "\"public_key\":\"" + otherKey + "\""));
        CliRun refused = CliRun.run(env, "audit", "verify", "--since", checkpoint.toString(), "--trusted-keys",
                forged.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("does not match its public key");
    }

    @Test
    void aRegistryWhoseCheckpointsWereDeletedDoesNotVerify() throws Exception {
        Path checkpoint = save("cp.txt", CliRun.run(env, "audit", "checkpoint"));
        server.database().withHandle(h -> h.execute("DELETE FROM audit_checkpoints"));

        CliRun verify = CliRun.run(env, "audit", "verify", "--since", checkpoint.toString());

        assertThat(verify.exitCode()).as(verify.err()).isEqualTo(AuditCommand.DOES_NOT_VERIFY);
        assertThat(verify.out()).contains("does NOT verify").contains("no current checkpoint");
    }

    private Path save(String name, CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Files.writeString(dir.resolve(name), run.out());
    }
}
