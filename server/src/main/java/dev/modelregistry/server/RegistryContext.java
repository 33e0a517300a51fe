package dev.modelregistry.server;

import dev.modelregistry.server.access.Authentication;
import dev.modelregistry.server.acl.AclHttp;
import dev.modelregistry.server.acl.AclService;
import dev.modelregistry.server.acl.ApproverStore;
import dev.modelregistry.server.artifact.ArtifactHttp;
import dev.modelregistry.server.artifact.ArtifactService;
import dev.modelregistry.server.artifact.ArtifactStore;
import dev.modelregistry.server.artifact.BlobCollector;
import dev.modelregistry.server.artifact.BlobRecordStore;
import dev.modelregistry.server.artifact.BlobScrubber;
import dev.modelregistry.server.artifact.BlobStore;
import dev.modelregistry.server.artifact.BlobStoreIdentity;
import dev.modelregistry.server.artifact.BlobStoreIdentityStore;
import dev.modelregistry.server.artifact.BlobStores;
import dev.modelregistry.server.audit.AuditHttp;
import dev.modelregistry.server.audit.AuditIntegrator;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.audit.AuditLogKey;
import dev.modelregistry.server.audit.AuditService;
import dev.modelregistry.server.audit.AuditStore;
import dev.modelregistry.server.audit.AuditTransparency;
import dev.modelregistry.server.audit.AuditTreeStore;
import dev.modelregistry.server.audit.AuditVerifier;
import dev.modelregistry.server.auth.Authenticator;
import dev.modelregistry.server.auth.PrincipalHttp;
import dev.modelregistry.server.auth.PrincipalService;
import dev.modelregistry.server.auth.PrincipalStore;
import dev.modelregistry.server.auth.RoleStore;
import dev.modelregistry.server.auth.TokenStore;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.console.ArtifactDownload;
import dev.modelregistry.server.console.AuditPage;
import dev.modelregistry.server.console.ConsoleApp;
import dev.modelregistry.server.console.ConsoleAssets;
import dev.modelregistry.server.console.ConsoleSessionStore;
import dev.modelregistry.server.console.ConsoleSessions;
import dev.modelregistry.server.console.DeploymentForms;
import dev.modelregistry.server.console.LiveDeployment;
import dev.modelregistry.server.console.ModelListPage;
import dev.modelregistry.server.console.ModelPage;
import dev.modelregistry.server.console.OrphanPages;
import dev.modelregistry.server.console.VersionPage;
import dev.modelregistry.server.console.Navigation;
import dev.modelregistry.server.console.SignInPages;
import dev.modelregistry.server.console.Templates;
import dev.modelregistry.server.console.TracePage;
import dev.modelregistry.server.db.ChangeFeed;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Migrations;
import dev.modelregistry.server.deployment.DeploymentHttp;
import dev.modelregistry.server.deployment.DeploymentStore;
import dev.modelregistry.server.deployment.DeploymentViews;
import dev.modelregistry.server.deployment.ManifestSigner;
import dev.modelregistry.server.deployment.PastDeployments;
import dev.modelregistry.server.deployment.PromotionGates;
import dev.modelregistry.server.deployment.PromotionService;
import dev.modelregistry.server.evaluation.EvaluationHttp;
import dev.modelregistry.server.evaluation.EvaluationService;
import dev.modelregistry.server.evaluation.EvaluationStore;
import dev.modelregistry.server.evaluation.EvaluatorHttp;
import dev.modelregistry.server.evaluation.EvaluatorService;
import dev.modelregistry.server.evaluation.EvaluatorStore;
import dev.modelregistry.server.events.EventOutbox;
import dev.modelregistry.server.events.EventStore;
import dev.modelregistry.server.http.HttpApi;
import dev.modelregistry.server.http.Idempotency;
import dev.modelregistry.server.http.IdempotencyStore;
import dev.modelregistry.server.http.Problems;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.keys.KeyHttp;
import dev.modelregistry.server.keys.RegistryKeyService;
import dev.modelregistry.server.keys.RegistryKeyStore;
import dev.modelregistry.server.keys.RegistrySigningKey;
import dev.modelregistry.server.lineage.IngestHttp;
import dev.modelregistry.server.lineage.IngestService;
import dev.modelregistry.server.lineage.LineageHttp;
import dev.modelregistry.server.lineage.LineageQueryStore;
import dev.modelregistry.server.lineage.LineageService;
import dev.modelregistry.server.lineage.LineageStore;
import dev.modelregistry.server.metrics.DomainMetrics;
import dev.modelregistry.server.model.HealthStore;
import dev.modelregistry.server.model.ModelHttp;
import dev.modelregistry.server.model.ModelService;
import dev.modelregistry.server.model.ModelSearchStore;
import dev.modelregistry.server.model.ModelStore;
import dev.modelregistry.server.model.RegistrationService;
import dev.modelregistry.server.model.VersionAccess;
import dev.modelregistry.server.model.VersionSearchStore;
import dev.modelregistry.server.model.VersionStore;
import dev.modelregistry.server.ops.OpsHttp;
import dev.modelregistry.server.http.Tracing;
import dev.modelregistry.server.model.HealthAuditStore;
import dev.modelregistry.server.model.HealthSweeper;
import dev.modelregistry.server.ownership.OwnershipHttp;
import dev.modelregistry.server.ownership.OwnershipService;
import dev.modelregistry.server.team.TeamHttp;
import dev.modelregistry.server.team.TeamService;
import dev.modelregistry.server.team.TeamStore;
import dev.modelregistry.server.webhook.DeliveryStore;
import dev.modelregistry.server.webhook.SubscriptionStore;
import dev.modelregistry.server.webhook.WebhookFeature;
import dev.modelregistry.server.webhook.WebhookHttp;
import dev.modelregistry.server.webhook.WebhookSetup;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Optional;

/**
 * The whole registry wired by hand in one place, in the order a reader follows: the database and blob store, then
 * every store (one per table family, each the only writer of its tables), then the services (which call each other,
 * never another feature's store), then the HTTP adapters. No container, no reflection: plain constructors. The
 * server, the tests and the benchmarks all build this same context.
 */
public final class RegistryContext implements AutoCloseable {
    /** The checkpoints' origin line and the name their signature line carries. */
    static final String AUDIT_ORIGIN = "model-registry/audit";
    /** How often the audit tree grows and, when it did, a checkpoint is published. */
    static final java.time.Duration AUDIT_INTEGRATION_INTERVAL = java.time.Duration.ofSeconds(2);

    private final ServerConfig config;
    private final PrometheusMeterRegistry meters;
    private final DomainMetrics metrics;
    private final Database database;
    private final BlobStore blobs;
    private final ChangeFeed deploymentChanges;
    private final Stores stores;
    private final Services services;
    private final Adapters http;
    private final ConsoleAdapters ui;

    /** One instance of every store. */
    public record Stores(PrincipalStore principals, TokenStore tokens, RoleStore roles, TeamStore teams,
                         ApproverStore approvers, EvaluatorStore evaluators, EvaluationStore evaluations, ModelStore models,
                         VersionStore versions, HealthStore health, ModelSearchStore modelSearch,
                         VersionSearchStore versionSearch, HealthAuditStore healthAudits,
                         ArtifactStore artifacts, BlobRecordStore blobRecords, RegistryKeyStore keys,
                         DeploymentStore deployments,
                         LineageStore lineage, LineageQueryStore lineageQueries, AuditStore audit,
                         AuditTreeStore auditTree, IdempotencyStore idempotency,
                         ConsoleSessionStore consoleSessions, EventStore events,
                         SubscriptionStore webhookSubscriptions, DeliveryStore webhookDeliveries) {
        static Stores create(ServerConfig config, Database database) {
            return new Stores(new PrincipalStore(), new TokenStore(), new RoleStore(), new TeamStore(),
                    new ApproverStore(), new EvaluatorStore(), new EvaluationStore(), new ModelStore(), new VersionStore(),
                    new HealthStore(config.ownership()), new ModelSearchStore(config.ownership()),
                    new VersionSearchStore(), new HealthAuditStore(config.ownership()), new ArtifactStore(),
                    new BlobRecordStore(), new RegistryKeyStore(), new DeploymentStore(), new LineageStore(),
                    new LineageQueryStore(), new AuditStore(), new AuditTreeStore(), new IdempotencyStore(),
                    new ConsoleSessionStore(), new EventStore(), new SubscriptionStore(),
                    new DeliveryStore(database.rowLocking()));
        }
    }

    /**
     * One instance of every service, and the background jobs: health audits, the audit tree's integrator, the blob
     * collector and scrubber.
     */
    public record Services(AuditLog auditLog, AuditService audit, AuditTransparency auditTransparency,
                           AuditIntegrator auditIntegrator, Authenticator authenticator,
                           PrincipalService principals, TeamService teams, AclService acl, EvaluatorService evaluators,
                           ModelService models, RegistrationService registrations, VersionAccess versions,
                           OwnershipService ownership, EvaluationService evaluations, ArtifactService artifacts,
                           RegistryKeyService keys, DeploymentViews deployments, PastDeployments pastDeployments,
                           PromotionService promotions, IngestService ingest, LineageService lineage,
                           HealthSweeper sweeper, BlobCollector blobCollector, BlobScrubber blobScrubber,
                           ConsoleSessions consoleSessions, WebhookFeature webhooks) {
    }

    /** One HTTP adapter per feature; {@link RouteTable} maps every route to one of their methods. */
    public record Adapters(OpsHttp ops, PrincipalHttp principals, TeamHttp teams, AclHttp acl, EvaluatorHttp evaluators,
                           EvaluationHttp evaluations, ModelHttp models, OwnershipHttp ownership,
                           ArtifactHttp artifacts, KeyHttp keys, DeploymentHttp deployments, IngestHttp ingest,
                           LineageHttp lineage, AuditHttp audit, WebhookHttp webhooks) {
    }

    /** The web console's pages, one class per page; {@link RouteTable#console} maps its routes to them. */
    public record ConsoleAdapters(Templates templates, ConsoleAssets assets, Navigation navigation, SignInPages signIn,
                                  ModelListPage models, ModelPage model, VersionPage version,
                                  ArtifactDownload artifacts, DeploymentForms deployments,
                                  LiveDeployment liveDeployment, TracePage trace, AuditPage audit,
                                  OrphanPages orphans) {
    }

    private RegistryContext(ServerConfig config, PrometheusMeterRegistry meters, Database database, BlobStore blobs,
                            ChangeFeed deploymentChanges, RegistrySigningKey signingKey, AuditLogKey auditKey)
            throws IOException {
        this.config = config;
        this.meters = meters;
        this.metrics = new DomainMetrics(meters);
        this.database = database;
        this.blobs = blobs;
        this.deploymentChanges = deploymentChanges;
        this.stores = Stores.create(config, database);
        this.services = services(signingKey, auditKey, WebhookSetup.open(config, database));
        metrics.auditIntegrationLag(services.auditIntegrator()::lagSeconds);
        this.http = adapters(new RequestBody(config.maxBodyBytes()));
        this.ui = consoleAdapters(new Templates());
    }

    /**
     * Opens the database (migrating it as {@link Migrations#prepareForServing} allows), the blob store and the
     * signing key, and wires everything on them. Whatever was opened is closed again if a later step fails.
     */
    public static RegistryContext open(ServerConfig config) {
        PrometheusMeterRegistry meters = meters();
        Database database = Database.open(config.jdbcUrl(), config.dataDir(), meters);
        BlobStore blobs = null;
        ChangeFeed changes = null;
        try {
            blobs = BlobStores.open(config.artifacts(), config.dataDir());
            new Migrations(database).prepareForServing(config.migrate());
            new BlobStoreIdentity(database, new BlobStoreIdentityStore(), blobs, config.clock()).checkOrRecord();
            blobs.recoverInterruptedWrites();
            RegistrySigningKey signingKey = RegistrySigningKey.loadOrCreate(config.deploy().signingKeyPath(config.dataDir()));
            AuditLogKey auditKey = auditKey(config, signingKey);
            changes = database.openChangeFeed(DeploymentViews.CHANGE_CHANNEL);
            RegistryContext context = new RegistryContext(config, meters, database, blobs, changes, signingKey, auditKey);
            // Published before anything is signed with it: an entry signed by an unlisted key would not verify.
            context.services().auditIntegrator().publishKey();
            return context;
        } catch (IOException e) {
            closeAll(database, blobs, changes);
            throw new UncheckedIOException("cannot prepare the artifact store or the signing key: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeAll(database, blobs, changes);
            throw e;
        }
    }

    /** The audit log key from its file (created 0600 at first start) or environment variable; never the manifest key. */
    private static AuditLogKey auditKey(ServerConfig config, RegistrySigningKey signingKey) throws IOException {
        Optional<String> variable = config.deploy().auditKeyVariable();
        KeyPair pair;
        if (variable.isPresent()) {
            String pem = System.getenv(variable.get());
            if (pem == null || pem.isBlank()) {
                throw new IllegalStateException("the audit log key variable " + variable.get() + " is not set");
            }
            pair = RegistrySigningKey.pairOf(pem);
        } else {
            RegistrySigningKey file = RegistrySigningKey.loadOrCreate(config.deploy().auditKeyPath(config.dataDir()));
            pair = new KeyPair(file.publicKey(), file.privateKey());
        }
        if (pair.getPublic().equals(signingKey.publicKey())) {
            throw new IllegalStateException("the audit log key is the manifest signing key; give --audit-key another key");
        }
        return AuditLogKey.of(pair);
    }

    private static PrometheusMeterRegistry meters() {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        return meters;
    }

    private Services services(RegistrySigningKey signingKey, AuditLogKey auditKey, WebhookSetup webhooks) {
        Clock clock = config.clock();
        Stores s = stores;
        AuditLog audit = new AuditLog(s.audit(), new AuditDetails(), clock, auditKey, metrics,
                new EventOutbox(s.events(), webhooks.fanOut(s.webhookDeliveries(), clock)));
        PrincipalService principals = new PrincipalService(database, s.principals(), s.tokens(), s.roles(), audit,
                clock);
        TeamService teams = new TeamService(database, s.teams(), principals, audit, clock);
        AclService acl = new AclService(database, s.approvers(), principals, audit, clock);
        EvaluatorService evaluators = new EvaluatorService(database, s.evaluators(), audit, clock);
        ModelService models = new ModelService(database, s.models(), s.health(), s.modelSearch(), teams, audit,
                clock);
        VersionAccess versions = new VersionAccess(s.models(), s.versions(), teams, models);
        EvaluationService evaluations = new EvaluationService(database, s.evaluations(), evaluators, versions, audit, clock);
        ArtifactService artifacts = new ArtifactService(database, s.artifacts(), s.blobRecords(), versions, blobs, audit,
                clock, config.artifacts().maxArtifactBytes());
        DeploymentViews deployments = new DeploymentViews(database, s.deployments(), models, artifacts,
                new ManifestSigner(signingKey, clock, config.deploy().manifestTtl()), deploymentChanges, metrics);
        PromotionGates gates = new PromotionGates(acl, teams, evaluations, models, versions);
        Authenticator authenticator = new Authenticator(database, s.tokens());
        return new Services(audit,
                new AuditService(database, s.audit(), new AuditVerifier(database, s.audit(), s.auditTree())),
                new AuditTransparency(database, s.auditTree()),
                new AuditIntegrator(database, s.auditTree(), auditKey, AUDIT_ORIGIN, clock),
                authenticator, principals, teams, acl, evaluators, models,
                new RegistrationService(database, models, s.models(), s.versions(), s.versionSearch(), audit, clock),
                versions,
                new OwnershipService(database, models, teams, config.ownership(), audit, clock), evaluations, artifacts,
                new RegistryKeyService(database, s.keys(), signingKey, audit, clock), deployments,
                new PastDeployments(database, s.deployments(), models, artifacts, clock),
                new PromotionService(database, s.deployments(), gates, models, versions, deployments, audit, clock),
                new IngestService(database, s.lineage(), versions, audit, metrics, clock),
                new LineageService(database, s.lineageQueries(), versions, artifacts),
                new HealthSweeper(database, s.healthAudits(), audit, clock),
                new BlobCollector(database, s.blobRecords(), blobs, clock),
                new BlobScrubber(database, s.artifacts(), blobs),
                new ConsoleSessions(database, s.consoleSessions(), authenticator, audit, clock),
                webhooks.wire(database, s.webhookSubscriptions(), s.webhookDeliveries(), models, teams, audit, clock));
    }

    private Adapters adapters(RequestBody body) throws IOException {
        Services s = services;
        return new Adapters(new OpsHttp(database, meters), new PrincipalHttp(s.principals(), body),
                new TeamHttp(s.teams(), body), new AclHttp(s.acl()), new EvaluatorHttp(s.evaluators(), body),
                new EvaluationHttp(s.evaluations(), body), new ModelHttp(s.models(), s.registrations(), body),
                new OwnershipHttp(s.ownership(), body), new ArtifactHttp(s.artifacts(), body), new KeyHttp(s.keys(), body),
                new DeploymentHttp(s.deployments(), s.pastDeployments(), s.promotions(), body),
                new IngestHttp(s.ingest(), config.dataDir().resolve("tmp")), new LineageHttp(s.lineage()),
                new AuditHttp(s.audit(), s.auditTransparency()), new WebhookHttp(s.webhooks().service(), body));
    }

    private ConsoleAdapters consoleAdapters(Templates templates) {
        Services s = services;
        ModelPage modelPage = new ModelPage(s.models(), s.registrations(), s.evaluations(), s.deployments(),
                s.promotions(), templates);
        return new ConsoleAdapters(templates, new ConsoleAssets(), new Navigation(),
                new SignInPages(s.consoleSessions(), templates),
                new ModelListPage(s.models(), s.deployments(), templates),
                modelPage,
                new VersionPage(s.registrations(), s.evaluations(), s.artifacts(), s.lineage(), s.promotions(), templates),
                new ArtifactDownload(s.artifacts()),
                new DeploymentForms(s.promotions(), s.deployments(), templates),
                new LiveDeployment(s.deployments(), modelPage, templates),
                new TracePage(s.lineage(), templates),
                new AuditPage(s.audit(), s.auditTransparency(), templates),
                new OrphanPages(s.ownership(), s.models(), s.teams(), templates));
    }

    /** The web console over its route table: sessions, CSRF and security headers around every page. */
    public ConsoleApp consoleApp() {
        return new ConsoleApp(RouteTable.console(ui), services.consoleSessions(), ui.templates());
    }

    /** The HTTP API over the route table: authentication, Idempotency-Key handling and problems around every route. */
    public HttpApi httpApi(Tracing tracing) {
        RequestBody body = new RequestBody(config.maxBodyBytes());
        Authentication authentication = services.authenticator();
        return new HttpApi(RouteTable.routes(http), authentication,
                new Idempotency(database, stores.idempotency(), body, config.clock()), new Problems(database, metrics), meters,
                tracing, config.maxBodyBytes());
    }

    public ServerConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public BlobStore blobStore() {
        return blobs;
    }

    public Stores stores() {
        return stores;
    }

    public Services services() {
        return services;
    }

    public Adapters http() {
        return http;
    }

    /** Wakes watchers (so long-polls answer with what they have) before anything else closes. */
    public void wakeWatchers() {
        deploymentChanges.close();
    }

    @Override
    public void close() {
        services.sweeper().close();
        services.blobCollector().close();
        services.blobScrubber().close();
        services.auditIntegrator().close();
        services.webhooks().dispatcher().close();
        closeAll(database, blobs, deploymentChanges);
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
}
