package dev.modelregistry.cli;

import dev.modelregistry.core.dsse.Ed25519Pem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees when something is wrong on their side, against a real server: the error names the fix (the token
 * variable and flag, the URL tried and how to set it), and the exit code is the README's: 2 refused or bad usage, 3
 * unreachable, 4 a local file that cannot be read.
 */
class CliErrorsTest {
    private static final String ADMIN = "cli-errors-admin-token-0123456789abcdef01";
    private static RealRegistry registry;
    private static String url;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        registry = RealRegistry.start("cli-errors", ADMIN);
        url = registry.url;
    }

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void withoutATokenTheErrorNamesTheVariableAndTheFlagThatGiveOne() {
        CliRun run = CliRun.run(Map.of("MODELREG_URL", url), "models");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: A valid bearer token is required")
                .contains("hint: no token was sent; set MODELREG_TOKEN or pass --token TOKEN");
    }

    @Test
    void aRefusedTokenIsSaidToComeFromWhereItCameFromAndIsNeverPrinted() {
        String wrong = "mr_not-a-token-of-this-registry";
        CliRun fromFlag = CliRun.run(Map.of("MODELREG_URL", url), "models", "--token", wrong);
        CliRun fromVariable = CliRun.run(Map.of("MODELREG_URL", url, "MODELREG_TOKEN", wrong), "models");

        assertThat(fromFlag.exitCode()).isEqualTo(2);
        assertThat(fromFlag.err()).contains("did not accept the token from --token");
        assertThat(fromVariable.err()).contains("did not accept the token from MODELREG_TOKEN");
        assertThat(fromFlag.err() + fromVariable.err()).doesNotContain(wrong);
    }

    @Test
    void anUnreachableRegistryNamesTheUrlTriedWhereItCameFromAndHowToSetIt() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String gone = "http://127.0.0.1:" + closed;

        CliRun fromFlag = CliRun.run(Map.of("MODELREG_TOKEN", ADMIN), "teams", "list", "--url", gone);
        CliRun fromVariable = CliRun.run(Map.of("MODELREG_URL", gone, "MODELREG_TOKEN", ADMIN), "teams", "list");

        assertThat(fromFlag.exitCode()).isEqualTo(3);
        assertThat(fromFlag.err()).contains("cannot reach the model registry: GET " + gone + "/teams")
                .contains("hint: the registry URL " + gone + " came from --url")
                .contains("Set another with --url URL or MODELREG_URL");
        assertThat(fromVariable.exitCode()).isEqualTo(3);
        assertThat(fromVariable.err()).contains("came from MODELREG_URL");
    }

    @Test
    void aLocalFileThatCannotBeReadExitsWith4NamingItWhicheverVerbReadsIt() throws Exception {
        Map<String, String> env = registry.adminEnv();
        Path key = Files.writeString(dir.resolve("k.pem"), Ed25519Pem.toPem(Ed25519Pem.generate().getPrivate()));
        String missing = dir.resolve("missing").toString();
        List<String[]> verbs = List.of(
                new String[] {"evaluate", missing},
                new String[] {"sign-report", "--key", missing, "--keyid", "k", missing},
                new String[] {"sign-report", "--key", key.toString(), "--keyid", "k", missing},
                new String[] {"ingest", "signals", missing},
                new String[] {"upload", "xsmom@2026.05.15-r3", missing},
                new String[] {"evaluators", "add-key", "bench", "--keyid", "k", "--public-key", missing},
                new String[] {"audit", "verify", "--since", missing},
                new String[] {"register", "xsmom", "--file", missing},
                new String[] {"register", "xsmom", "--commit", "a13fce0", "--feature-graph", "8b2e9f01", "--window",
                        "2018-01-01", "2026-04-30", "--hyperparams", "@" + missing});

        for (String[] verb : verbs) {
            CliRun run = CliRun.run(env, verb);
            assertThat(run.exitCode()).as("%s: %s", String.join(" ", verb), run.err()).isEqualTo(4);
            assertThat(run.err()).as(String.join(" ", verb)).contains("cannot read " + missing, "no such file");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aFileThatWasReadButHoldsTheWrongThingIsAUsageErrorWith2() throws Exception {
        Map<String, String> env = registry.adminEnv();
        Path notJson = Files.writeString(dir.resolve("envelope.json"), "not json");

        CliRun run = CliRun.run(env, "evaluate", notJson.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not valid JSON");
    }

    @Test
    void aNameTheClientCannotPutInAPathIsRefusedWith2AndNoStackTrace() {
        CliRun run = CliRun.run(Map.of("MODELREG_URL", url, "MODELREG_TOKEN", ADMIN), "model", "..");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("error: not a usable path segment: '..'\n");
    }
}
