package dev.modelregistry.server;

import dev.modelregistry.server.acl.AclRoutes;
import dev.modelregistry.server.artifact.ArtifactRoutes;
import dev.modelregistry.server.artifact.ArtifactService;
import dev.modelregistry.server.artifact.ArtifactStore;
import dev.modelregistry.server.artifact.BlobStore;
import dev.modelregistry.server.artifact.BlobStores;
import dev.modelregistry.server.acl.AclService;
import dev.modelregistry.server.acl.ApproverStore;
import dev.modelregistry.server.db.ChangeFeed;
import dev.modelregistry.server.deployment.DeploymentRoutes;
import dev.modelregistry.server.deployment.DeploymentService;
import dev.modelregistry.server.deployment.DeploymentStore;
import dev.modelregistry.server.deployment.ManifestSigner;
import dev.modelregistry.server.deployment.PromotionGates;
import dev.modelregistry.server.keys.KeyRoutes;
import dev.modelregistry.server.lineage.IngestRoutes;
import dev.modelregistry.server.lineage.IngestService;
import dev.modelregistry.server.lineage.LineageQueryStore;
import dev.modelregistry.server.lineage.LineageRoutes;
import dev.modelregistry.server.lineage.LineageService;
import dev.modelregistry.server.lineage.LineageStore;
import dev.modelregistry.server.keys.RegistryKeyService;
import dev.modelregistry.server.keys.RegistryKeyStore;
import dev.modelregistry.server.keys.RegistrySigningKey;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.audit.AuditRoutes;
import dev.modelregistry.server.audit.AuditStore;
import dev.modelregistry.server.audit.AuditVerifier;
import dev.modelregistry.server.auth.Authenticator;
import dev.modelregistry.server.auth.PrincipalRoutes;
import dev.modelregistry.server.auth.PrincipalService;
import dev.modelregistry.server.auth.PrincipalStore;
import dev.modelregistry.server.auth.TokenStore;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Migrations;
import dev.modelregistry.server.evaluation.EvaluationRoutes;
import dev.modelregistry.server.evaluation.EvaluationService;
import dev.modelregistry.server.evaluation.EvaluationStore;
import dev.modelregistry.server.evaluation.EvaluatorRoutes;
import dev.modelregistry.server.evaluation.EvaluatorService;
import dev.modelregistry.server.evaluation.EvaluatorStore;
import dev.modelregistry.server.http.HttpApi;
import dev.modelregistry.server.http.Idempotency;
import dev.modelregistry.server.http.IdempotencyStore;
import dev.modelregistry.server.http.Problems;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.model.ModelRoutes;
import dev.modelregistry.server.model.ModelService;
import dev.modelregistry.server.model.ModelStore;
import dev.modelregistry.server.ownership.HealthStore;
import dev.modelregistry.server.ownership.HealthSweeper;
import dev.modelregistry.server.ownership.OwnershipRoutes;
import dev.modelregistry.server.ownership.OwnershipService;
import dev.modelregistry.server.model.VersionAccess;
import dev.modelregistry.server.model.VersionStore;
import dev.modelregistry.server.ops.OpsRoutes;
import dev.modelregistry.server.ops.Tracing;
import dev.modelregistry.server.team.TeamRoutes;
import dev.modelregistry.server.team.TeamService;
import dev.modelregistry.server.team.TeamStore;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One server instance, wired by hand in one place: database, stores, services, the route table and the HTTP
 * server. Instances share nothing in memory; any number of them can serve one PostgreSQL database.
 */
public final class RegistryServer implements AutoCloseable {
    private final Database database;
    private final BlobStore blobs;
    private final ChangeFeed changes;
    private final HealthSweeper sweeper;
    private final Tracing tracing;
    private final HttpApi api;
    private final Javalin app;
    private final Optional<String> bootstrapAdminToken;

    private RegistryServer(Database database, BlobStore blobs, ChangeFeed changes, HealthSweeper sweeper,
                           Tracing tracing, HttpApi api, Javalin app, Optional<String> bootstrapAdminToken) {
        this.database = database;
        this.blobs = blobs;
        this.changes = changes;
        this.sweeper = sweeper;
        this.tracing = tracing;
        this.api = api;
        this.app = app;
        this.bootstrapAdminToken = bootstrapAdminToken;
    }

    public static RegistryServer start(ServerConfig config) {
        return start(config, Tracing.fromEndpoint(config.otlpEndpoint()));
    }

    /** Starts with the given tracing (tests pass one that exports to memory). */
    public static RegistryServer start(ServerConfig config, Tracing tracing) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        Database database = Database.open(config.jdbcUrl(), config.dataDir(), meters);
        BlobStore blobs = null;
        ChangeFeed changes = null;
        try {
            blobs = BlobStores.open(config.artifacts(), config.dataDir());
            new Migrations(database).prepareForServing(config.migrate());
            Clock clock = config.clock();
            AuditLog audit = new AuditLog(clock);
            AuditStore auditStore = new AuditStore();
            PrincipalStore principalStore = new PrincipalStore();
            TokenStore tokenStore = new TokenStore();
            TeamStore teamStore = new TeamStore();
            RequestBody body = new RequestBody(config.maxBodyBytes());

            PrincipalService principals = new PrincipalService(database, principalStore, tokenStore, audit, clock);
            TeamService teams = new TeamService(database, teamStore, principalStore, audit, clock);
            AclService acl = new AclService(database, new ApproverStore(), principalStore, audit, clock);
            EvaluatorService evaluators = new EvaluatorService(database, new EvaluatorStore(), audit, clock);
            ModelStore modelStore = new ModelStore();
            VersionStore versionStore = new VersionStore();
            HealthStore healthStore = new HealthStore(config.ownership());
            ModelService models = new ModelService(database, modelStore, versionStore, teamStore, audit, healthStore, clock);
            OwnershipService ownership = new OwnershipService(database, healthStore, modelStore, teamStore, audit, clock);
            blobs.recoverInterruptedWrites();
            VersionAccess versionAccess = new VersionAccess(modelStore, versionStore, teamStore);
            ArtifactStore artifactStore = new ArtifactStore();
            ArtifactService artifacts = new ArtifactService(database, artifactStore, versionAccess, versionStore, blobs,
                    audit, clock, config.artifacts().maxArtifactBytes());

            RegistrySigningKey signingKey = RegistrySigningKey.loadOrCreate(
                    config.deploy().signingKeyPath(config.dataDir()));
            RegistryKeyService registryKeys = new RegistryKeyService(database, new RegistryKeyStore(), signingKey,
                    audit, clock);
            registryKeys.publishOwnKey();
            changes = database.openChangeFeed(DeploymentService.CHANGE_CHANNEL);
            ApproverStore approverStore = new ApproverStore();
            DeploymentStore deploymentStore = new DeploymentStore();
            DeploymentService deployments = new DeploymentService(database, deploymentStore,
                    new PromotionGates(deploymentStore, approverStore, healthStore, clock), modelStore, versionAccess, approverStore,
                    teamStore, artifactStore, new ManifestSigner(signingKey, clock, config.deploy().manifestTtl()),
                    changes, audit, healthStore, clock);

            EvaluationService evaluations = new EvaluationService(database, new EvaluationStore(), new EvaluatorStore(),
                    versionStore, audit, clock);

            List<Route> routes = new ArrayList<>();
            routes.addAll(new OpsRoutes(database, meters).routes());
            routes.addAll(new PrincipalRoutes(principals, body).routes());
            routes.addAll(new TeamRoutes(teams, body).routes());
            routes.addAll(new AclRoutes(acl).routes());
            routes.addAll(new EvaluatorRoutes(evaluators, body).routes());
            routes.addAll(new EvaluationRoutes(evaluations, body).routes());
            routes.addAll(new ModelRoutes(models, ownership, body).routes());
            routes.addAll(new OwnershipRoutes(ownership, config.ownership(), body).routes());
            routes.addAll(new ArtifactRoutes(artifacts, body).routes());
            routes.addAll(new KeyRoutes(registryKeys, body).routes());
            routes.addAll(new DeploymentRoutes(deployments, body).routes());
            routes.addAll(new IngestRoutes(new IngestService(database, new LineageStore(), clock),
                    config.dataDir().resolve("tmp")).routes());
            routes.addAll(new LineageRoutes(new LineageService(database, new LineageQueryStore(), versionStore, blobs))
                    .routes());
            routes.addAll(new AuditRoutes(database, auditStore, new AuditVerifier(database, auditStore)).routes());

            HttpApi api = new HttpApi(routes, new Authenticator(database, tokenStore),
                    new Idempotency(database, new IdempotencyStore(), body, clock), new Problems(database), meters, tracing,
                    config.maxBodyBytes());
            Optional<String> adminToken = principals.bootstrapAdmin(config.bootstrapAdminToken());
            Javalin app = api.create().start(config.host(), config.port());
            HealthSweeper sweeper = new HealthSweeper(database, healthStore, audit, clock);
            sweeper.start(config.ownership().sweepInterval());
            return new RegistryServer(database, blobs, changes, sweeper, tracing, api, app, adminToken);
        } catch (IOException e) {
            closeAll(database, blobs, changes);
            throw new UncheckedIOException("cannot prepare the artifact store or the signing key: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(database, blobs, changes);
            throw e;
        }
    }

    private static void closeAll(Database database, BlobStore blobs, ChangeFeed changes) {
        if (changes != null) {
            changes.close();
        }
        if (blobs != null) {
            blobs.close();
        }
        database.close();
    }

    public int port() {
        return app.port();
    }

    /** The route table as served; the OpenAPI document is checked against it. */
    public List<Route> routes() {
        return api.routes();
    }

    public Database database() {
        return database;
    }

    /** The health sweeper, so that tests can run a sweep now instead of waiting for the interval. */
    public HealthSweeper healthSweeper() {
        return sweeper;
    }

    public BlobStore blobStore() {
        return blobs;
    }

    /** The admin token, when this start created the bootstrap admin; it is shown once and never stored. */
    public Optional<String> bootstrapAdminToken() {
        return bootstrapAdminToken;
    }

    @Override
    public void close() {
        sweeper.close();
        // Wake long-polls and event streams first, so they answer while the database is still open.
        changes.close();
        api.awaitIdle(java.time.Duration.ofSeconds(5));
        app.stop();
        tracing.close();
        closeAll(database, blobs, changes);
    }
}
