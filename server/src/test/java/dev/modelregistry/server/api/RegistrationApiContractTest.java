package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.identity.DataWindow;
import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.LineageIdentity;
import dev.modelregistry.core.identity.LineageInput;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Version registration: identity, model_id allocation, idempotent re-registration and ownership. */
abstract class RegistrationApiContractTest extends ApiTestSupport {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu.MM.dd");

    @Test
    void firstRegistrationCreatesCandidateR1AndTheModel() {
        String team = unique("quant");
        String member = teamWithMember(team);
        String model = unique("xsmom");
        ObjectNode body = registration(team);
        LocalDate before = LocalDate.now(ZoneOffset.UTC);

        Response response = assertStatus(201, post("/models/" + model + "/versions", member, body));

        JsonNode version = response.body();
        assertThat(version.get("model_id").asText()).isIn(modelIds(model, before, LocalDate.now(ZoneOffset.UTC), 1));
        assertThat(version.get("model").asText()).isEqualTo(model);
        assertThat(version.get("status").asText()).isEqualTo("candidate");
        assertThat(version.get("ready_at").isNull()).isTrue();
        assertThat(version.get("code_commit")).isEqualTo(body.get("code_commit"));
        assertThat(version.get("feature_graph_hash")).isEqualTo(body.get("feature_graph_hash"));
        assertThat(version.get("data_window")).isEqualTo(body.get("data_window"));
        assertThat(version.get("owner").asText()).isEqualTo(team);
        assertThat(version.get("parents")).isEmpty();
        assertThat(response.header("Location")).isEqualTo("/models/" + model + "/versions/" + version.get("model_id").asText());
        assertThat(assertStatus(200, get("/models/" + model, member)).body().get("owner").asText()).isEqualTo(team);
    }

    @Test
    void registeredVersionCanBeReadBack() {
        String team = unique("team");
        String member = teamWithMember(team);
        String model = unique("readback");
        ObjectNode body = registration(team);
        body.putObject("hyperparams").put("lr", 0.01).put("depth", 6);
        body.putObject("training_distribution").put("rows", 120000);
        body.putObject("labels").put("desk", "equities");
        body.putObject("evaluation").put("report_id", "rep_4f2").put("objective", "rank_ic");

        JsonNode version = register(model, member, body);

        assertThat(version.get("hyperparams")).isEqualTo(body.get("hyperparams"));
        assertThat(version.get("training_distribution")).isEqualTo(body.get("training_distribution"));
        assertThat(version.get("labels")).isEqualTo(body.get("labels"));
        assertThat(version.get("evaluation")).isEqualTo(body.get("evaluation"));
        String path = "/models/" + model + "/versions/" + version.get("model_id").asText();
        assertThat(assertStatus(200, get(path, user(unique("reader")))).body()).isEqualTo(version);
    }

    @Test
    void lineageHashIsTheSha256OfTheCanonicalLineage() {
        String team = unique("team");
        String member = teamWithMember(team);
        ObjectNode body = registration(team);
        body.putObject("hyperparams").put("lr", 0.01).put("depth", 6).putArray("layers").add(64).add(32);

        JsonNode version = register(unique("hashed"), member, body);

        String expected = LineageIdentity.hash(new LineageInput(body.get("code_commit").asText(),
                new DataWindow("2018-01-01", "2026-04-30"), body.get("feature_graph_hash").asText(),
                (ObjectNode) body.get("hyperparams"), List.of())).value();
        assertThat(version.get("lineage_hash").asText()).isEqualTo(expected);
    }

    @Test
    void ensembleLineageHashCoversItsChildrensLineageHashes() {
        String team = unique("team");
        String member = teamWithMember(team);
        JsonNode child = register(unique("child"), member, registration(team));
        ObjectNode body = registration(team);
        body.set("parents", array(child.get("model_id").asText()));

        JsonNode ensemble = register(unique("ensemble"), member, body);

        assertThat(ensemble.get("parents")).containsExactly(child.get("model_id"));
        String expected = LineageIdentity.hash(new LineageInput(body.get("code_commit").asText(),
                new DataWindow("2018-01-01", "2026-04-30"), body.get("feature_graph_hash").asText(), null,
                List.of(new LineageHash(child.get("lineage_hash").asText())))).value();
        assertThat(ensemble.get("lineage_hash").asText()).isEqualTo(expected);
    }

    @Test
    void reRegisteringTheSameLineageReturnsTheExistingVersionWithoutAuditEntry() {
        String team = unique("team");
        String member = teamWithMember(team);
        String model = unique("again");
        ObjectNode body = registration(team);
        JsonNode first = register(model, member, body);
        int auditBefore = auditOf("model:" + model).size();

        Response again = assertStatus(200, post("/models/" + model + "/versions", member, body));

        assertThat(again.body()).isEqualTo(first);
        assertThat(auditOf("model:" + model)).hasSize(auditBefore);
        assertThat(items(get("/models/" + model + "/versions", member))).hasSize(1);
    }

    @Test
    void hyperparamsAreComparedCanonicallyNotByKeyOrder() {
        String team = unique("team");
        String member = teamWithMember(team);
        String model = unique("order");
        ObjectNode body = registration(team);
        body.putObject("hyperparams").put("a", 1).put("b", 2);
        JsonNode first = register(model, member, body);

        ObjectNode reordered = body.deepCopy();
        reordered.putObject("hyperparams").put("b", 2).put("a", 1);

        Response again = assertStatus(200, post("/models/" + model + "/versions", member, reordered));
        assertThat(again.body().get("model_id")).isEqualTo(first.get("model_id"));
    }

    @Test
    void labelsEvaluationAndTrainingDistributionAreNotPartOfIdentity() {
        String team = unique("team");
        String member = teamWithMember(team);
        String model = unique("labels");
        ObjectNode body = registration(team);
        JsonNode first = register(model, member, body);

        ObjectNode relabelled = body.deepCopy();
        relabelled.putObject("labels").put("desk", "rates");
        relabelled.putObject("evaluation").put("report_id", "rep_1").put("objective", "sharpe");
        relabelled.putObject("training_distribution").put("rows", 5);

        Response again = assertStatus(200, post("/models/" + model + "/versions", member, relabelled));
        assertThat(again.body()).isEqualTo(first);
    }

    @Test
    void differentHyperparamsAreTheNextRevision() {
        String team = unique("team");
        String member = teamWithMember(team);
        String model = unique("revs");
        ObjectNode body = registration(team);
        body.putObject("hyperparams").put("lr", 0.01);
        JsonNode first = register(model, member, body);

        ObjectNode changed = body.deepCopy();
        changed.putObject("hyperparams").put("lr", 0.02);
        JsonNode second = register(model, member, changed);

        assertThat(first.get("model_id").asText()).endsWith("-r1");
        assertThat(second.get("model_id").asText()).endsWith("-r2")
                .startsWith(first.get("model_id").asText().replace("-r1", ""));
        assertThat(second.get("lineage_hash")).isNotEqualTo(first.get("lineage_hash"));
    }

    @Test
    void sameLineageUnderAnotherModelIsADifferentVersion() {
        String team = unique("team");
        String member = teamWithMember(team);
        ObjectNode body = registration(team);
        String modelA = unique("model-a");
        String modelB = unique("model-b");
        JsonNode a = register(modelA, member, body);

        JsonNode b = register(modelB, member, body);

        assertThat(b.get("model_id").asText()).startsWith(modelB + "@").endsWith("-r1");
        assertThat(b.get("model_id")).isNotEqualTo(a.get("model_id"));
        assertThat(b.get("lineage_hash")).isEqualTo(a.get("lineage_hash"));
    }

    @Test
    void laterVersionMayOmitTheOwner() {
        String team = unique("team");
        String member = teamWithMember(team);
        String model = unique("omit");
        register(model, member, registration(team));

        JsonNode second = register(model, member, registration(null));

        assertThat(second.get("owner").asText()).isEqualTo(team);
    }

    @Test
    void laterVersionNamingAnotherOwnerIsOwnerMismatch() {
        String team = unique("team");
        String other = unique("other");
        Member alice = teamMember(team);
        String member = alice.token();
        registry.team(other, alice.name());
        String model = unique("mismatch");
        register(model, member, registration(team));

        assertProblem(post("/models/" + model + "/versions", member, registration(other)), 409, "owner-mismatch");

        assertThat(items(get("/models/" + model + "/versions", member))).hasSize(1);
        assertThat(get("/models/" + model, member).body().get("owner").asText()).isEqualTo(team);
    }

    @Test
    void firstVersionWithoutOwnerIsRefusedAndCreatesNothing() {
        String team = unique("team");
        String member = teamWithMember(team);
        String model = unique("ownerless");

        assertInvalidFields(post("/models/" + model + "/versions", member, registration(null)), "owner");

        assertProblem(get("/models/" + model, member), 404, "not-found");
    }

    @Test
    void ownerNamingNoTeamIsRefusedAndCreatesNothing() {
        String member = teamWithMember(unique("team"));
        String model = unique("ghost-owner");

        assertInvalidFields(post("/models/" + model + "/versions", member, registration("no-such-team")), "owner");

        assertProblem(get("/models/" + model, member), 404, "not-found");
    }

    @Test
    void nonMemberRegisteringAFirstVersionIsRefusedAndCreatesNothing() {
        String team = unique("team");
        teamWithMember(team);
        String outsider = user(unique("outsider"));
        String model = unique("guarded");

        assertProblem(post("/models/" + model + "/versions", outsider, registration(team)), 403, "not-team-member");

        assertProblem(get("/models/" + model, ADMIN), 404, "not-found");
        assertThat(auditOf("model:" + model)).isEmpty();
    }

    @Test
    void nonMemberRegisteringALaterVersionIsRefused() {
        String team = unique("team");
        String member = teamWithMember(team);
        String outsider = teamWithMember(unique("elsewhere"));
        String model = unique("guarded");
        register(model, member, registration(team));

        assertProblem(post("/models/" + model + "/versions", outsider, registration(null)), 403, "not-team-member");

        assertThat(items(get("/models/" + model + "/versions", member))).hasSize(1);
    }

    @Test
    void removedMemberMayNoLongerRegister() {
        String team = unique("team");
        Member member = teamMember(team);
        String model = unique("left");
        register(model, member.token(), registration(team));

        assertStatus(204, delete("/teams/" + team + "/members/" + member.name(), ADMIN));

        assertProblem(post("/models/" + model + "/versions", member.token(), registration(null)), 403, "not-team-member");
    }

    @Test
    void adminWhoIsNoMemberMayRegister() {
        String team = unique("team");
        teamWithMember(team);

        JsonNode version = register(unique("by-admin"), ADMIN, registration(team));

        assertThat(version.get("registered_by").asText()).isEqualTo("admin");
        assertThat(version.get("owner").asText()).isEqualTo(team);
    }

    @Test
    void registrationIsAuditedInTheModelsChain() {
        String team = unique("team");
        Member member = teamMember(team);
        String model = unique("audited");

        JsonNode version = register(model, member.token(), registration(team));

        List<JsonNode> entries = auditOf("model:" + model);
        assertThat(entries).extracting(e -> e.get("action").asText()).containsExactly("model.created", "version.registered");
        assertThat(entries.get(1).get("subject").asText()).isEqualTo("version:" + version.get("model_id").asText());
        assertThat(entries.get(1).get("actor").asText()).isEqualTo(member.name());
    }

    @Test
    void versionsAreListedInRegistrationOrderAcrossPages() {
        String team = unique("team");
        String member = teamWithMember(team);
        String model = unique("paged");
        List<String> registered = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            registered.add(register(model, member, registration(team)).get("model_id").asText());
        }

        Response firstPage = assertStatus(200, get("/models/" + model + "/versions?limit=2", member));
        List<JsonNode> all = allPages("/models/" + model + "/versions", member, 2);

        assertThat(items(firstPage)).hasSize(2);
        assertThat(firstPage.body().get("next").asText()).isEqualTo(registered.get(1));
        assertThat(all).extracting(v -> v.get("model_id").asText()).containsExactlyElementsOf(registered);
    }

    @Test
    void versionOfAnotherModelIsNotFound() {
        String team = unique("team");
        String member = teamWithMember(team);
        String modelA = unique("model-a");
        String modelB = unique("model-b");
        register(modelB, member, registration(team));
        String idOfA = register(modelA, member, registration(team)).get("model_id").asText();

        assertProblem(get("/models/" + modelB + "/versions/" + idOfA, member), 404, "not-found");
    }

    @Test
    void unknownVersionOrModelIsNotFound() {
        String team = unique("team");
        String member = teamWithMember(team);
        String model = unique("known");
        register(model, member, registration(team));

        assertProblem(get("/models/" + model + "/versions/" + model + "@2000.01.01-r9", member), 404, "not-found");
        assertProblem(get("/models/" + model + "/versions/garbage", member), 404, "not-found");
        assertProblem(get("/models/no-such-model/versions", member), 404, "not-found");
        assertProblem(get("/models/no-such-model/versions/no-such-model@2000.01.01-r1", member), 404, "not-found");
    }

    /** The model_ids a registration between {@code before} and {@code after} may get (the UTC day may turn). */
    private static List<String> modelIds(String model, LocalDate before, LocalDate after, int revision) {
        return List.of(model + "@" + DAY.format(before) + "-r" + revision, model + "@" + DAY.format(after) + "-r" + revision);
    }
}
