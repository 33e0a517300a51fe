package dev.modelregistry.cli;

import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The search flags of {@code models} and {@code versions} (one model's, or --all-models) against a real server. */
class SearchCliTest {
    private static final String ADMIN = "cli-search-admin-token-0123456789abcdef01";
    private static final String COMMIT = "c0ffee0123456789abcdef0123456789abcdef01";
    private static RegistryServer server;
    private static Map<String, String> admin;

    @BeforeAll
    static void start() throws Exception {
        server = RegistryServer.start(ServerConfig.embeddedDefaults(Files.createTempDirectory("cli-search")).withPort(0)
                .withBootstrapAdminToken(ADMIN));
        admin = Map.of("MODELREG_URL", "http://127.0.0.1:" + server.port(), "MODELREG_TOKEN", ADMIN);
        run(0, "teams", "create", "equities");
        run(0, "teams", "create", "rates");
        run(0, "principals", "create", "quant", "--kind", "user");
        run(0, "teams", "add-member", "equities", "quant");
        run(0, "teams", "add-member", "rates", "quant");
        register("xs-mom", "equities", COMMIT, "asset=equities", "region=us");
        register("xs-rev", "equities", "a13fce0", "asset=equities", "region=eu");
        register("xs-rev", "equities", COMMIT, "asset=equities", "region=us");
        register("curve", "rates", "b0b0b0b", "asset=rates");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void modelsAreFoundByNamePrefixPartOwnerAndLabels() {
        assertThat(names(run(0, "models", "--name-prefix", "xs-"))).containsExactly("xs-mom", "xs-rev");
        assertThat(names(run(0, "models", "--q", "REV"))).containsExactly("xs-rev");
        assertThat(names(run(0, "models", "--owner", "rates"))).containsExactly("curve");
        assertThat(names(run(0, "models", "--label", "asset:equities", "--label", "region=eu")))
                .containsExactly("xs-rev");
        assertThat(run(0, "models", "--health", "ok", "--owner", "rates").out()).contains("curve").contains("ok");
    }

    @Test
    void aModelsVersionsAreFoundByTheirFilters() {
        List<String> rev = versionLines(run(0, "versions", "xs-rev", "--code-commit", COMMIT.substring(0, 7)));
        assertThat(rev).hasSize(1).allSatisfy(line -> assertThat(line).startsWith("xs-rev@").contains("candidate"));
        assertThat(versionLines(run(0, "versions", "xs-rev", "--label", "region:eu", "--status", "candidate")))
                .hasSize(1);
        assertThat(versionLines(run(0, "versions", "xs-rev", "--verdict", "pass"))).isEmpty();
        assertThat(versionLines(run(0, "versions", "xs-rev", "--registered-after", "2000-01-01",
                "--registered-before", "2999-01-01T00:00:00Z", "--registered-by", "admin"))).hasSize(2);
    }

    @Test
    void allModelsFindsTheVersionsTrainedOnACommit() {
        List<String> lines = versionLines(run(0, "versions", "--all-models", "--code-commit", COMMIT));

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("xs-mom@");
        assertThat(lines.get(1)).startsWith("xs-rev@");
        assertThat(run(0, "versions", "--all-models", "--label", "asset:rates", "--json").out())
                .contains("\"model\" : \"curve\"");
    }

    @Test
    void aModelAndAllModelsTogetherOrNeitherIsAUsageError() {
        assertThat(run(2, "versions", "xs-rev", "--all-models").err()).contains("--all-models");
        assertThat(run(2, "versions").err()).contains("MODEL");
        assertThat(run(2, "versions", "--all-models", "--registered-after", "last tuesday").err())
                .contains("--registered-after");
    }

    @Test
    void aFilterTheRegistryRefusesIsExitTwoNamingIt() {
        assertThat(run(2, "versions", "--all-models", "--status", "live").err()).contains("status:");
        assertThat(run(2, "models", "--health", "sick").err()).contains("health:");
    }

    private static void register(String model, String owner, String commit, String... labels) {
        List<String> args = new java.util.ArrayList<>(List.of("register", model, "--commit", commit,
                "--feature-graph", "8b2e9f01", "--window", "2018-01-01", "2026-04-30", "--owner", owner));
        for (String label : labels) {
            args.add("--label");
            args.add(label);
        }
        run(0, args.toArray(String[]::new));
    }

    /** The first column of a table's rows (below its header). */
    private static List<String> names(CliRun run) {
        return run.out().lines().skip(1).map(line -> line.split("\\s+")[0]).toList();
    }

    private static List<String> versionLines(CliRun run) {
        return run.out().lines().filter(line -> line.contains("@")).toList();
    }

    private static CliRun run(int expectedExit, String... args) {
        CliRun run = CliRun.run(admin, args);
        assertThat(run.exitCode()).as("%s: %s %s", String.join(" ", args), run.out(), run.err())
                .isEqualTo(expectedExit);
        return run;
    }
}
