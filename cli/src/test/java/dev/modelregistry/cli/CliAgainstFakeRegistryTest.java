package dev.modelregistry.cli;

import dev.modelregistry.client.FakeRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.modelregistry.client.FakeRegistry.JSON;
import static dev.modelregistry.client.FakeRegistry.PROBLEM;
import static org.assertj.core.api.Assertions.assertThat;

class CliAgainstFakeRegistryTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String TOKEN = "mr_env-token";
    private static final String VERSION = """
            {"model_id": "xsmom@2026.05.15-r3", "model": "xsmom", "status": "candidate", "ready_at": null,
             "lineage_hash": "9f86d081884c7d65"}""";

    private FakeRegistry registry;
    private Map<String, String> environment;

    @TempDir
    Path directory;

    @BeforeEach
    void start() throws Exception {
        registry = new FakeRegistry();
        environment = Map.of("MODELREG_URL", registry.uri().toString(), "MODELREG_TOKEN", TOKEN);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    @Test
    void modelsFollowsEveryPageAndPrintsATable() {
        registry.on("GET", "/models", 200, JSON, """
                {"items": [{"name": "xsmom", "owner": "team-mfe", "created_at": "2026-05-15T10:00:00.000001Z"}],
                 "next": "xsmom"}""");
        registry.on("GET", "/models?after=xsmom", 200, JSON, """
                {"items": [{"name": "zz-carry", "owner": "fx", "created_at": "2026-05-16T11:30:00.5Z"}], "next": null}""");

        CliRun run = CliRun.run(environment, "models");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                NAME      OWNER     CREATED
                xsmom     team-mfe  2026-05-15T10:00:00Z
                zz-carry  fx        2026-05-16T11:30:00Z
                """);
        assertThat(registry.received()).extracting(r -> r.header("Authorization")).containsOnly("Bearer " + TOKEN);
    }

    @Test
    void urlAndTokenFlagsOverrideTheEnvironment() {
        registry.on("GET", "/models/xsmom", 200, JSON, "{\"name\": \"xsmom\", \"owner\": \"team-mfe\"}");
        Map<String, String> elsewhere = Map.of("MODELREG_URL", "http://127.0.0.1:1", "MODELREG_TOKEN", "mr_other");

        CliRun run = CliRun.run(elsewhere, "model", "xsmom", "--url", registry.uri().toString(), "--token", "mr_flag");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("name:  xsmom\nowner: team-mfe\n");
        assertThat(registry.only().header("Authorization")).isEqualTo("Bearer mr_flag");
    }

    @Test
    void jsonPrintsTheResponsePrettyPrinted() throws Exception {
        registry.on("GET", "/models/xsmom/versions/xsmom@2026.05.15-r3", 200, JSON, VERSION);

        CliRun run = CliRun.run(environment, "version", "xsmom", "xsmom@2026.05.15-r3", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(MAPPER.readTree(run.out())).isEqualTo(MAPPER.readTree(VERSION));
        assertThat(run.out()).contains("\n  \"model_id\" : \"xsmom@2026.05.15-r3\"");
    }

    @Test
    void registerPostsTheBodyAndSaysTheVersionIsNew() throws Exception {
        registry.on("POST", "/models/xsmom/versions", 201, JSON, VERSION);

        CliRun run = CliRun.run(environment, "register", "xsmom", "--commit", "a13fce0", "--feature-graph", "8b2e001",
                "--window", "2018-01-01", "2026-04-30", "--owner", "team-mfe", "--idempotency-key", "k-1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                model_id:     xsmom@2026.05.15-r3
                registration: new version
                lineage_hash: 9f86d081884c7d65
                status:       candidate
                """);
        FakeRegistry.Received request = registry.only();
        assertThat(request.header("Idempotency-Key")).isEqualTo("k-1");
        assertThat(MAPPER.readTree(request.body()).get("owner").asText()).isEqualTo("team-mfe");
    }

    @Test
    void registeringAKnownLineageSaysTheVersionExisted() {
        registry.on("POST", "/models/xsmom/versions", 200, JSON, VERSION);

        CliRun run = CliRun.run(environment, "register", "xsmom", "--commit", "a13fce0", "--feature-graph", "8b2e001",
                "--window", "2018-01-01", "2026-04-30");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("registration: existing version");
    }

    @Test
    void aRefusedRequestPrintsTitleDetailAndFieldErrorsAndExitsWith2() {
        registry.on("POST", "/models/xsmom/versions", 400, PROBLEM, """
                {"type": "urn:model-registry:problem:validation-failed", "title": "One or more fields are invalid",
                 "status": 400, "detail": "code_commit: must be lower-case hex",
                 "errors": [{"field": "code_commit", "message": "must be lower-case hex"}], "request_id": "req-9"}""");

        CliRun run = CliRun.run(environment, "register", "xsmom", "--commit", "A13FCE0", "--feature-graph", "8b2e001",
                "--window", "2018-01-01", "2026-04-30");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("""
                error: One or more fields are invalid: code_commit: must be lower-case hex
                  code_commit: must be lower-case hex
                  request id: req-9
                """);
    }

    @Test
    void aServerErrorExitsWith3() {
        registry.on("GET", "/teams/quant", 503, PROBLEM, """
                {"type": "urn:model-registry:problem:unavailable", "title": "A backing service is unavailable; retry later",
                 "status": 503, "detail": "database is not reachable"}""");

        CliRun run = CliRun.run(environment, "teams", "show", "quant");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("error: A backing service is unavailable; retry later: database is not reachable");
    }

    @Test
    void anUnreachableRegistryExitsWith3NamingTheUrl() {
        URI gone = registry.uri();
        registry.close();

        CliRun run = CliRun.run(environment, "teams", "list");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).startsWith("error: cannot reach the model registry: GET " + gone + "/teams");
    }

    @Test
    void theTokenNeverAppearsWhenARequestFails() {
        registry.on("GET", "/principals", 401, PROBLEM, """
                {"type": "urn:model-registry:problem:unauthenticated", "title": "A valid bearer token is required",
                 "status": 401, "detail": "unknown or revoked token"}""");

        CliRun run = CliRun.run(environment, "principals", "list");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out() + run.err()).doesNotContain(TOKEN);
    }

    @Test
    void tokensCreatePrintsTheNewTokenOnceWithANote() {
        registry.on("POST", "/principals/ci/tokens", 201, JSON, """
                {"id": "tok_1", "token": "mr_fresh", "principal": "ci", "created_at": "2026-05-15T10:00:00Z"}""");

        CliRun run = CliRun.run(environment, "tokens", "create", "ci");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("token:      mr_fresh").doesNotContain(TOKEN);
        assertThat(run.err()).contains("shown only now");
    }

    @Test
    void addMemberPutsTheMembershipAndConfirms() {
        registry.on("PUT", "/teams/quant/members/alice", 204, null, null);

        CliRun run = CliRun.run(environment, "teams", "add-member", "quant", "alice");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("added alice to team quant\n");
        assertThat(registry.only().method()).isEqualTo("PUT");
    }

    @Test
    void addKeySendsThePemFileContents() throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n";
        Path file = Files.writeString(directory.resolve("alpha.pem"), pem);
        registry.on("POST", "/evaluators/alpha-bench/keys", 201, JSON,
                "{\"evaluator\": \"alpha-bench\", \"keyid\": \"k1\", \"revoked_at\": null}");

        CliRun run = CliRun.run(environment, "evaluators", "add-key", "alpha-bench", "--keyid", "k1",
                "--public-key", file.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("added key k1 to evaluator alpha-bench\n");
        assertThat(MAPPER.readTree(registry.only().body()).get("public_key_pem").asText()).isEqualTo(pem);
    }

    @Test
    void auditVerifyExitsWith0WhenTheChainVerifies() {
        registry.on("GET", "/audit/verify", 200, JSON, "{\"ok\": true, \"entries\": 42, \"chains\": 5, \"problems\": []}");

        CliRun run = CliRun.run(environment, "audit", "verify");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("audit log verified: 42 entries in 5 chains\n");
    }

    @Test
    void auditVerifyExitsWith1AndPrintsTheProblemsWhenTheChainIsBroken() {
        registry.on("GET", "/audit/verify", 200, JSON, """
                {"ok": false, "entries": 42, "chains": 5,
                 "problems": [{"chain": "model:xsmom", "chain_seq": 3, "seq": 17, "reason": "entry hash mismatch"}]}""");

        CliRun run = CliRun.run(environment, "audit", "verify");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEqualTo("""
                audit log does NOT verify: 42 entries in 5 chains, 1 problem(s)
                CHAIN        CHAIN_SEQ  SEQ  REASON
                model:xsmom  3          17   entry hash mismatch
                """);
    }

    @Test
    void auditListSendsTheFiltersAndPointsAtTheNextPage() {
        registry.on("GET", "/audit?subject=model%3Axsmom&after=10&limit=1", 200, JSON, """
                {"items": [{"seq": 11, "occurred_at": "2026-05-15T10:00:00.123456Z", "actor": "alice",
                            "action": "version.registered", "subject": "version:xsmom@2026.05.15-r1"}], "next": "11"}""");

        CliRun run = CliRun.run(environment, "audit", "list", "--subject", "model:xsmom", "--after", "10",
                "--limit", "1");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                SEQ  TIME                  ACTOR  ACTION              SUBJECT
                11   2026-05-15T10:00:00Z  alice  version.registered  version:xsmom@2026.05.15-r1
                """);
        assertThat(run.err()).isEqualTo("more entries: repeat with --after 11\n");
    }

    @Test
    void anInvalidPrincipalKindIsRefusedBeforeAnyRequest() {
        CliRun run = CliRun.run(environment, "principals", "create", "bot", "--kind", "robot");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --kind must be user or service")
                .contains("Try 'modelreg principals create --help'");
        assertThat(registry.received()).isEmpty();
    }
}
