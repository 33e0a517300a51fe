package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgumentParsingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void registrationFlagsBuildTheApiBody() throws Exception {
        Path params = Files.writeString(directory.resolve("params.json"), "{\"lr\": 0.01, \"depth\": 6}");

        JsonNode body = register("xsmom", "--commit", "a13fce0", "--feature-graph", "8b2e001",
                "--window", "2018-01-01", "2026-04-30", "--owner", "team-mfe", "--hyperparams", "@" + params,
                "--parent", "a@2026.05.01-r1", "--parent", "b@2026.05.01-r2", "--label", "desk=eq",
                "--label", "tier=1", "--report-id", "rep_4f2", "--objective", "rank_ic",
                "--training-distribution", "{\"rows\": 1000}").body();

        assertThat(body).isEqualTo(MAPPER.readTree("""
                {"code_commit": "a13fce0", "feature_graph_hash": "8b2e001", "data_window": ["2018-01-01", "2026-04-30"],
                 "owner": "team-mfe", "hyperparams": {"lr": 0.01, "depth": 6},
                 "parents": ["a@2026.05.01-r1", "b@2026.05.01-r2"], "training_distribution": {"rows": 1000},
                 "labels": {"desk": "eq", "tier": "1"}, "evaluation": {"report_id": "rep_4f2", "objective": "rank_ic"}}
                """));
    }

    @Test
    void optionalRegistrationFieldsAreLeftOutWhenNotGiven() {
        JsonNode body = register("xsmom", "--commit", "a13fce0", "--feature-graph", "8b2e001",
                "--window", "2018-01-01", "2026-04-30").body();

        assertThat(body.properties()).extracting(Map.Entry::getKey)
                .containsExactly("code_commit", "feature_graph_hash", "data_window");
    }

    @Test
    void aBodyFileIsSentAsItIs() throws Exception {
        Path file = Files.writeString(directory.resolve("body.json"),
                "{\"code_commit\": \"a13fce0\", \"unknown_field\": true}");

        JsonNode body = register("xsmom", "--file", file.toString()).body();

        assertThat(body).isEqualTo(MAPPER.readTree("{\"code_commit\": \"a13fce0\", \"unknown_field\": true}"));
    }

    @Test
    void aBodyFileCannotBeMixedWithLineageFlags() throws Exception {
        Path file = Files.writeString(directory.resolve("body.json"), "{}");
        RegisterCommand register = register("xsmom", "--file", file.toString(), "--commit", "a13fce0");

        assertThatThrownBy(register::body).isInstanceOf(ParameterException.class).hasMessageContaining("--file");
    }

    @Test
    void missingLineageFlagsAreNamed() {
        RegisterCommand register = register("xsmom", "--commit", "a13fce0");

        assertThatThrownBy(register::body).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--feature-graph").hasMessageContaining("--window")
                .message().doesNotContain("--commit,");
    }

    @Test
    void aReportIdNeedsItsObjective() {
        RegisterCommand register = register("xsmom", "--commit", "a13fce0", "--feature-graph", "8b2e001",
                "--window", "2018-01-01", "2026-04-30", "--report-id", "rep_1");

        assertThatThrownBy(register::body).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--objective");
    }

    @Test
    void hyperparamsThatAreNotAJsonObjectAreAUsageError() {
        RegisterCommand register = register("xsmom", "--commit", "a13fce0", "--feature-graph", "8b2e001",
                "--window", "2018-01-01", "2026-04-30", "--hyperparams", "[1, 2]");

        assertThatThrownBy(register::body).isInstanceOf(ParameterException.class)
                .hasMessageContaining("--hyperparams must be a JSON object");
    }

    @Test
    void serveAndMigratePassEveryArgumentThroughUnchanged() {
        CommandLine modelreg = commandLine();

        ServeCommand serve = modelreg.parseArgs("serve", "--port", "9090", "--db", "jdbc:postgresql://h/db",
                "--help", "@not-an-argfile", "--url", "x").subcommand().commandSpec().commandLine().getCommand();
        MigrateCommand migrate = commandLine().parseArgs("migrate", "--data-dir", "./data")
                .subcommand().commandSpec().commandLine().getCommand();

        assertThat(serve.launcherArguments()).containsExactly("serve", "--port", "9090", "--db",
                "jdbc:postgresql://h/db", "--help", "@not-an-argfile", "--url", "x");
        assertThat(migrate.launcherArguments()).containsExactly("migrate", "--data-dir", "./data");

        AdminCommand admin = commandLine().parseArgs("admin", "reset-token", "--db", "jdbc:postgresql://h/db")
                .subcommand().commandSpec().commandLine().getCommand();
        assertThat(admin.launcherArguments()).containsExactly("admin", "reset-token", "--db", "jdbc:postgresql://h/db");
    }

    @Test
    void everyVerbOfTheBriefExists() {
        CommandLine modelreg = commandLine();

        assertThat(modelreg.getSubcommands().keySet()).contains("serve", "migrate", "register", "models", "model",
                "versions", "version", "principals", "tokens", "teams", "acl", "evaluators", "audit", "upload", "download",
                "artifacts", "seal");
        assertThat(modelreg.getSubcommands().get("teams").getSubcommands().keySet())
                .contains("list", "create", "show", "add-member", "remove-member");
        assertThat(modelreg.getSubcommands().get("evaluators").getSubcommands().keySet())
                .contains("list", "create", "add-key", "revoke-key");
        assertThat(modelreg.getSubcommands().get("audit").getSubcommands().keySet()).contains("verify", "list");
    }

    @Test
    void anUnknownVerbIsAUsageErrorWithExitCode2() {
        CliRun run = CliRun.run(Map.of(), "modelz");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("error: Unmatched argument", "models");
    }

    private RegisterCommand register(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "register";
        System.arraycopy(args, 0, all, 1, args.length);
        return commandLine().parseArgs(all).subcommand().commandSpec().commandLine().getCommand();
    }

    private static CommandLine commandLine() {
        return Main.commandLine(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }
}
