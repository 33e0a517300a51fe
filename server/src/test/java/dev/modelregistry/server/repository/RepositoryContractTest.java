package dev.modelregistry.server.repository;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.DataWindow;
import dev.modelregistry.core.identity.LineageHash;
import dev.modelregistry.core.identity.LineageIdentity;
import dev.modelregistry.core.identity.LineageInput;
import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.RegistryContext;
import dev.modelregistry.server.acl.AclService;
import dev.modelregistry.server.audit.AuditService;
import dev.modelregistry.server.audit.AuditVerification;
import dev.modelregistry.server.auth.Authenticator;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.auth.Principal;
import dev.modelregistry.server.auth.PrincipalService;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.evaluation.EvaluatorService;
import dev.modelregistry.server.http.IdempotencyStore;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.model.ModelService;
import dev.modelregistry.server.model.RegistrationService;
import dev.modelregistry.server.model.Registration;
import dev.modelregistry.server.model.Version;
import dev.modelregistry.server.model.VersionSearch;
import dev.modelregistry.server.team.TeamService;
import dev.modelregistry.server.testing.MutableClock;
import dev.modelregistry.server.testing.TestDatabases;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The storage contract every database must meet, run once per backend by a tiny subclass. It goes through the
 * services and stores exactly as the HTTP layer does, against a real database.
 */
abstract class RepositoryContractTest {
    private static final Instant START = Instant.parse("2026-05-15T10:00:00Z");
    private static final AtomicInteger COMMITS = new AtomicInteger(0x1000000);

    @TempDir
    Path dataDir;

    MutableClock clock;
    String url;
    RegistryContext context;
    Database database;
    PrincipalService principals;
    TeamService teams;
    AclService acl;
    EvaluatorService evaluators;
    ModelService models;
    RegistrationService registrations;
    AuditService audit;
    Authenticator authenticator;
    Caller admin;

    /** A JDBC URL of an empty database (or schema) of this backend. */
    abstract String jdbcUrl(Path dataDir);

    /** Runs SQL that edits the audit log behind the application's back, bypassing the append-only trigger. */
    abstract void tamperWithAudit(Handle handle, String sql);

    @BeforeEach
    void openDatabase() {
        clock = new MutableClock(START);
        url = jdbcUrl(dataDir);
        context = RegistryContext.open(ServerConfig.embeddedDefaults(dataDir).withDb(url).withClock(clock));
        database = context.database();
        RegistryContext.Services services = context.services();
        principals = services.principals();
        teams = services.teams();
        acl = services.acl();
        evaluators = services.evaluators();
        models = services.models();
        registrations = services.registrations();
        audit = services.audit();
        authenticator = services.authenticator();
        principals.bootstrapAdmin(Optional.of("contract-admin-token-0123456789abcdef"));
        admin = authenticator.authenticate("Bearer contract-admin-token-0123456789abcdef", "test");
    }

    @AfterEach
    void closeDatabase() {
        context.close();
        TestDatabases.dropSchemaOf(url);
    }

    @Test
    void principalNamesAreUnique() {
        principals.create(admin, "alice", Principal.Kind.USER, false);
        assertThatThrownBy(() -> principals.create(admin, "alice", Principal.Kind.SERVICE, false))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        assertThat(principals.get("alice").kind()).isEqualTo(Principal.Kind.USER);
    }

    @Test
    void bootstrapHappensOnlyOnAnEmptyRegistry() {
        assertThat(principals.bootstrapAdmin(Optional.empty())).isEmpty();
        assertThat(principals.get("admin").admin()).isTrue();
    }

    @Test
    void aTokenAuthenticatesItsPrincipalUntilRevoked() {
        principals.create(admin, "svc-train", Principal.Kind.SERVICE, false);
        PrincipalService.IssuedToken issued = principals.issueToken(admin, "svc-train");
        Caller caller = authenticator.authenticate("Bearer " + issued.secret(), "r1");
        assertThat(caller.name()).isEqualTo("svc-train");
        assertThat(caller.admin()).isFalse();

        principals.revokeToken(admin, issued.token().id());
        principals.revokeToken(admin, issued.token().id());

        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + issued.secret(), "r2"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThat(principals.tokensOf("svc-train")).singleElement()
                .satisfies(token -> assertThat(token.revokedAt()).isPresent());
    }

    @Test
    void teamMembershipChangesOnlyWhenItReallyChanges() {
        principals.create(admin, "bob", Principal.Kind.USER, false);
        teams.create(admin, "equities");
        teams.addMember(admin, "equities", "bob");
        teams.addMember(admin, "equities", "bob");
        assertThat(teams.get("equities").members()).containsExactly("bob");
        teams.removeMember(admin, "equities", "bob");
        teams.removeMember(admin, "equities", "bob");
        assertThat(teams.get("equities").members()).isEmpty();
        assertThat(auditActions("team:equities")).containsExactly("team.created", "team.member_added", "team.member_removed");
    }

    @Test
    void approversAreAddedAndRemoved() {
        principals.create(admin, "carol", Principal.Kind.USER, false);
        acl.add(admin, "carol");
        acl.add(admin, "carol");
        assertThat(acl.list()).extracting("principal").containsExactly("carol");
        acl.remove(admin, "carol");
        assertThat(acl.list()).isEmpty();
    }

    @Test
    void evaluatorKeysAreKeptWhenRevoked() {
        evaluators.create(admin, "alpha-bench");
        evaluators.addKey(admin, "alpha-bench", "k1", "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----");
        assertThatThrownBy(() -> evaluators.addKey(admin, "alpha-bench", "k1", "x"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALREADY_EXISTS));
        evaluators.revokeKey(admin, "alpha-bench", "k1");
        assertThat(evaluators.get("alpha-bench").keys()).singleElement()
                .satisfies(key -> assertThat(key.revokedAt()).isPresent());
    }

    @Test
    void theFirstVersionCreatesTheModelUnderItsOwner() {
        Caller quant = member("dave", "mid-freq");
        RegistrationService.Registered registered = registrations.register(quant, new ModelName("xsmom"), registration(Optional.of("mid-freq")));
        assertThat(registered.created()).isTrue();
        assertThat(registered.version().modelId()).hasToString("xsmom@2026.05.15-r1");
        assertThat(models.view(new ModelName("xsmom")).model().owner()).isEqualTo("mid-freq");
        assertThat(models.view(new ModelName("xsmom")).model().createdBy()).isEqualTo("dave");
    }

    @Test
    void reRegisteringALineageReturnsTheExistingVersion() {
        Caller quant = member("erin", "stat-arb");
        Registration registration = registration(Optional.of("stat-arb"));
        Version first = registrations.register(quant, new ModelName("pairs"), registration).version();
        RegistrationService.Registered again = registrations.register(quant, new ModelName("pairs"), registration);
        assertThat(again.created()).isFalse();
        assertThat(again.version().modelId()).isEqualTo(first.modelId());
        assertThat(registrations.pageVersions(new ModelName("pairs"), VersionSearch.everything(), Optional.empty(), 10))
                .hasSize(1);
        assertThat(auditActions("model:pairs")).containsExactly("model.created", "version.registered");
    }

    @Test
    void theLineageHashIsTheOneAnyClientComputes() {
        Caller quant = member("frank", "macro");
        Registration registration = registration(Optional.of("macro"));
        Version version = registrations.register(quant, new ModelName("carry"), registration).version();
        LineageHash expected = LineageIdentity.hash(new LineageInput(registration.codeCommit(), registration.dataWindow(),
                registration.featureGraphHash(), registration.hyperparams().orElseThrow(), List.of()));
        assertThat(version.lineageHash()).isEqualTo(expected);
    }

    @Test
    void revisionsCountPerModelPerUtcDay() {
        Caller quant = member("gina", "vol");
        assertThat(registrations.register(quant, new ModelName("vol-a"), registration(Optional.of("vol"))).version().modelId().toString()).endsWith("-r1");
        assertThat(registrations.register(quant, new ModelName("vol-a"), registration(Optional.empty())).version().modelId().toString()).endsWith("-r2");
        assertThat(registrations.register(quant, new ModelName("vol-b"), registration(Optional.of("vol"))).version().modelId().toString()).endsWith("-r1");
        clock.advance(Duration.ofDays(1));
        assertThat(registrations.register(quant, new ModelName("vol-a"), registration(Optional.empty())).version().modelId())
                .hasToString("vol-a@2026.05.16-r1");
    }

    @Test
    void concurrentRegistrationsOfOneModelGetDistinctIds() throws Exception {
        Caller quant = member("hank", "hft");
        registrations.register(quant, new ModelName("mm"), registration(Optional.of("hft")));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ids.add(pool.submit(() -> registrations.register(quant, new ModelName("mm"), registration(Optional.empty())).version().modelId().toString()));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<String> id : ids) {
                distinct.add(id.get());
            }
            assertThat(distinct).hasSize(40);
        } finally {
            pool.shutdownNow();
        }
        assertThat(audit.verify().ok()).isTrue();
    }

    @Test
    void ensembleChildrenAreRecordedAndHashedByTheirLineage() {
        Caller quant = member("ivy", "meta");
        Version childA = registrations.register(quant, new ModelName("child-a"), registration(Optional.of("meta"))).version();
        Version childB = registrations.register(quant, new ModelName("child-b"), registration(Optional.of("meta"))).version();
        Registration ensemble = new Registration("abcdef0", "1234567", new DataWindow("2020-01-01", "2020-12-31"),
                Optional.of("meta"), Optional.empty(), Optional.empty(),
                List.of(childB.modelId(), childA.modelId()), Optional.empty(), Map.of());
        Version meta = registrations.register(quant, new ModelName("blend"), ensemble).version();
        assertThat(meta.parents()).containsExactlyInAnyOrder(childA.modelId(), childB.modelId());
        LineageHash expected = LineageIdentity.hash(new LineageInput("abcdef0", new DataWindow("2020-01-01", "2020-12-31"),
                "1234567", null, List.of(childA.lineageHash(), childB.lineageHash())));
        assertThat(meta.lineageHash()).isEqualTo(expected);
    }

    @Test
    void versionsArePagedInRegistrationOrder() {
        Caller quant = member("jack", "rates");
        List<ModelId> registered = new ArrayList<>();
        registered.add(registrations.register(quant, new ModelName("curve"), registration(Optional.of("rates"))).version().modelId());
        for (int i = 0; i < 4; i++) {
            registered.add(registrations.register(quant, new ModelName("curve"), registration(Optional.empty())).version().modelId());
        }
        ModelName curve = new ModelName("curve");
        VersionSearch all = VersionSearch.everything();
        List<Version> first = registrations.pageVersions(curve, all, Optional.empty(), 2);
        List<Version> second = registrations.pageVersions(curve, all, Optional.of(first.get(1).modelId().toString()),
                2);
        List<Version> third = registrations.pageVersions(curve, all, Optional.of(second.get(1).modelId().toString()),
                2);
        List<ModelId> paged = new ArrayList<>();
        List.of(first, second, third).forEach(page -> page.forEach(v -> paged.add(v.modelId())));
        assertThat(paged).isEqualTo(registered);
    }

    @Test
    void theAuditChainVerifiesAfterEveryKindOfChange() {
        Caller quant = member("kate", "credit");
        registrations.register(quant, new ModelName("spread"), registration(Optional.of("credit")));
        acl.add(admin, "kate");
        AuditVerification verification = audit.verify();
        assertThat(verification.ok()).isTrue();
        assertThat(verification.chains()).isEqualTo(2);
        assertThat(verification.entries()).isEqualTo(countAudit());
    }

    @Test
    void theAuditLogRefusesUpdatesAndDeletes() {
        member("leo", "fx");
        assertThatThrownBy(() -> database.withHandle(h -> h.execute("UPDATE audit_log SET actor = 'x'")))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> database.withHandle(h -> h.execute("DELETE FROM audit_log")))
                .isInstanceOf(RuntimeException.class);
        assertThat(audit.verify().ok()).isTrue();
    }

    @Test
    void verifyDetectsAnEntryEditedInTheDatabase() {
        member("mia", "commod");
        database.withHandle(h -> {
            tamperWithAudit(h, "UPDATE audit_log SET actor = 'someone-else' WHERE action = 'team.member_added'");
            return null;
        });
        AuditVerification verification = audit.verify();
        assertThat(verification.ok()).isFalse();
        assertThat(verification.problems()).anySatisfy(p -> assertThat(p.reason()).contains("modified"));
    }

    @Test
    void verifyDetectsAnEntryDeletedFromTheMiddleOfAChain() {
        member("ned", "energy");
        database.withHandle(h -> {
            tamperWithAudit(h, "DELETE FROM audit_log WHERE action = 'team.created'");
            return null;
        });
        AuditVerification verification = audit.verify();
        assertThat(verification.ok()).isFalse();
        assertThat(verification.problems()).anySatisfy(p -> assertThat(p.reason()).contains("deleted or reordered"));
    }

    @Test
    void verifyDetectsEntriesCutFromTheEndOfAChain() {
        member("olga", "crypto");
        database.withHandle(h -> {
            tamperWithAudit(h, "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)");
            return null;
        });
        AuditVerification verification = audit.verify();
        assertThat(verification.ok()).isFalse();
        assertThat(verification.problems()).anySatisfy(p -> assertThat(p.reason()).contains("removed from its end"));
    }

    @Test
    void verifyDetectsReorderedEntries() {
        member("paul", "munis");
        database.withHandle(h -> {
            // Swap the second and third entries of the admin chain (in three steps: chain_seq is unique).
            tamperWithAudit(h, "UPDATE audit_log SET chain_seq = -2 WHERE chain = 'admin' AND chain_seq = 2");
            tamperWithAudit(h, "UPDATE audit_log SET chain_seq = 2 WHERE chain = 'admin' AND chain_seq = 3");
            tamperWithAudit(h, "UPDATE audit_log SET chain_seq = 3 WHERE chain = 'admin' AND chain_seq = -2");
            return null;
        });
        assertThat(audit.verify().ok()).isFalse();
    }

    @Test
    void anIdempotencyKeyIsClaimedOnceAndCompleted() {
        IdempotencyStore store = new IdempotencyStore();
        long adminId = admin.principalRowId();
        database.inTransaction(h -> {
            assertThat(store.claim(h, adminId, "key-1", "sha-a", START, "claim-a")).isTrue();
            assertThat(store.claim(h, adminId, "key-1", "sha-b", START, "claim-b")).isFalse();
            assertThat(store.takeOver(h, adminId, "key-1", "sha-a", START, START, "claim-c"))
                    .as("a claim made at the cutoff has not lapsed").isFalse();
            store.complete(h, adminId, "key-1", "claim-b", 500, "application/json", "{}");
            store.complete(h, adminId, "key-1", "claim-a", 201, "application/json", "{\"ok\":true}");
            return null;
        });
        IdempotencyStore.Entry entry = database.withHandle(h -> store.find(h, adminId, "key-1")).orElseThrow();
        assertThat(entry.requestSha256()).isEqualTo("sha-a");
        assertThat(entry.status()).isEqualTo(201);
        assertThat(entry.body()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void aLapsedIdempotencyClaimIsTakenOverOnceAndOnlyItsHolderSettlesIt() {
        IdempotencyStore store = new IdempotencyStore();
        long adminId = admin.principalRowId();
        Instant later = START.plusSeconds(120);
        database.inTransaction(h -> {
            assertThat(store.claim(h, adminId, "key-2", "sha-a", START, "lost")).isTrue();
            assertThat(store.takeOver(h, adminId, "key-2", "sha-b", later, START.plusSeconds(60), "other-body"))
                    .as("another request never takes a key over").isFalse();
            assertThat(store.takeOver(h, adminId, "key-2", "sha-a", later, START.plusSeconds(60), "retry")).isTrue();
            assertThat(store.takeOver(h, adminId, "key-2", "sha-a", later, START.plusSeconds(60), "second-retry"))
                    .as("the retry's claim is fresh").isFalse();
            store.release(h, adminId, "key-2", "lost");
            store.complete(h, adminId, "key-2", "lost", 201, "application/json", "{\"stale\":true}");
            return null;
        });
        IdempotencyStore.Entry entry = database.withHandle(h -> store.find(h, adminId, "key-2")).orElseThrow();
        assertThat(entry.status()).as("the lost holder neither released nor completed the retry's claim").isNull();
        assertThat(entry.createdAt()).isEqualTo(later);
    }

    private Caller member(String name, String team) {
        principals.create(admin, name, Principal.Kind.USER, false);
        teams.create(admin, team);
        teams.addMember(admin, team, name);
        return authenticator.authenticate("Bearer " + principals.issueToken(admin, name).secret(), "test");
    }

    private static Registration registration(Optional<String> owner) {
        String commit = Integer.toHexString(COMMITS.incrementAndGet());
        return new Registration(commit, "8b2e9f01", new DataWindow("2018-01-01", "2026-04-30"), owner,
                Optional.empty(), Optional.of(JsonNodeFactory.instance.objectNode().put("lr", 0.01)), List.of(),
                Optional.empty(), Map.of("desk", "equities"));
    }

    private List<String> auditActions(String subject) {
        return audit.page(Optional.of(subject), 0, 100).stream()
                .map(e -> e.action()).toList();
    }

    private long countAudit() {
        return database.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log").mapTo(Long.class).one());
    }
}
