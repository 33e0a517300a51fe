package dev.modelregistry.server;

import dev.modelregistry.server.artifact.BlobStore;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.console.ConsoleApp;
import dev.modelregistry.server.console.ConsoleRoute;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.http.HttpApi;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.http.Tracing;
import dev.modelregistry.server.audit.AuditIntegrator;
import dev.modelregistry.server.model.HealthSweeper;
import io.javalin.Javalin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One server instance's lifecycle: it builds the {@link RegistryContext}, publishes its signing key, creates the
 * bootstrap admin of a new registry, serves the route table and runs the background jobs, and stops them in order.
 * Instances share nothing in memory; any number of them can serve one PostgreSQL database.
 */
public final class RegistryServer implements AutoCloseable {
    /** How often each instance looks for unreferenced blobs; the claim in the database makes concurrent passes safe. */
    private static final Duration COLLECT_INTERVAL = Duration.ofMinutes(10);
    /** How often each instance re-reads every named blob to find bytes altered or lost in the store. */
    private static final Duration SCRUB_INTERVAL = Duration.ofHours(24);
    private final RegistryContext context;
    private final Tracing tracing;
    private final HttpApi api;
    private final ConsoleApp console;
    private final Javalin app;
    private final Optional<String> bootstrapAdminToken;

    private RegistryServer(RegistryContext context, Tracing tracing, HttpApi api, ConsoleApp console, Javalin app,
                           Optional<String> bootstrapAdminToken) {
        this.context = context;
        this.tracing = tracing;
        this.api = api;
        this.console = console;
        this.app = app;
        this.bootstrapAdminToken = bootstrapAdminToken;
    }

    public static RegistryServer start(ServerConfig config) {
        return start(config, Tracing.fromEndpoint(config.otlpEndpoint()));
    }

    /** Starts with the given tracing (tests pass one that exports to memory). */
    public static RegistryServer start(ServerConfig config, Tracing tracing) {
        RegistryContext context = RegistryContext.open(config);
        Javalin app = null;
        try {
            context.services().keys().publishOwnKey();
            HttpApi api = context.httpApi(tracing);
            ConsoleApp console = context.consoleApp();
            app = api.create();
            console.mount(app);
            app.start(config.host(), config.port());
            context.services().sweeper().start(config.ownership().sweepInterval());
            context.services().blobCollector().start(COLLECT_INTERVAL);
            context.services().blobScrubber().start(SCRUB_INTERVAL);
            context.services().auditIntegrator().start(RegistryContext.AUDIT_INTEGRATION_INTERVAL);
            context.services().webhooks().dispatcher().start();
            // Only once the server listens: a start that fails earlier (a port taken) must not create an admin
            // whose generated token nobody ever saw.
            Optional<String> adminToken = context.services().principals().bootstrapAdmin(config.bootstrapAdminToken());
            context.http().ops().markStarted();
            return new RegistryServer(context, tracing, api, console, app, adminToken);
        } catch (RuntimeException e) {
            if (app != null) {
                app.stop();
            }
            context.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** The route table as served; the OpenAPI document is checked against it. */
    public List<Route> routes() {
        return api.routes();
    }

    /** The web console's route table as served: HTML pages under /ui, outside the OpenAPI contract. */
    public List<ConsoleRoute> consoleRoutes() {
        return console.routes();
    }

    public RegistryContext context() {
        return context;
    }

    public Database database() {
        return context.database();
    }

    /** The health sweeper, so that tests can run a sweep now instead of waiting for the interval. */
    public HealthSweeper healthSweeper() {
        return context.services().sweeper();
    }

    /** The audit integrator, so that tests can grow the tree and publish a checkpoint now. */
    public AuditIntegrator auditIntegrator() {
        return context.services().auditIntegrator();
    }

    public BlobStore blobStore() {
        return context.blobStore();
    }

    /** The admin token, when this start created the bootstrap admin; it is shown once and never stored. */
    public Optional<String> bootstrapAdminToken() {
        return bootstrapAdminToken;
    }

    @Override
    public void close() {
        context.services().sweeper().close();
        context.services().blobCollector().close();
        context.services().blobScrubber().close();
        context.services().auditIntegrator().close();
        context.services().webhooks().dispatcher().close();
        // Wake long-polls and event streams first, so they answer while the database is still open.
        context.wakeWatchers();
        api.awaitIdle(Duration.ofSeconds(5));
        app.stop();
        tracing.close();
        context.close();
    }
}
