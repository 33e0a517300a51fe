package dev.modelregistry.server;

import dev.modelregistry.server.artifact.BlobScrubber;
import dev.modelregistry.server.config.ConfigParser;
import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Migrations;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Entry point of {@code modelreg serve} and {@code modelreg migrate}; the CLI passes their arguments through. */
public final class ServerLauncher {
    private ServerLauncher() {
    }

    /** Runs the server without the CLI around it (tests start separate server processes this way). */
    public static void main(String[] args) {
        int code = run(List.of(args));
        if (code != 0) {
            System.exit(code);
        }
    }

    public static int run(List<String> args) {
        PrintStream out = System.out;
        if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
            out.println(ConfigParser.USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        boolean admin = args.get(0).equals("admin");
        if (admin && (args.size() < 2 || !List.of("reset-token", "scrub-artifacts").contains(args.get(1)))) {
            System.err.println("error: expected admin reset-token|scrub-artifacts [server flags]");
            return 2;
        }
        ServerConfig config;
        try {
            config = ConfigParser.parse(args.subList(admin ? 2 : 1, args.size()), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(ConfigParser.USAGE);
            return 2;
        }
        return switch (args.get(0)) {
            case "serve" -> serve(config, out);
            case "migrate" -> migrate(config, out);
            case "admin" -> args.get(1).equals("reset-token") ? resetAdminToken(config, out) : scrubArtifacts(config, out);
            default -> {
                System.err.println("error: expected serve, migrate or admin reset-token, got " + args.get(0));
                yield 2;
            }
        };
    }

    private static int serve(ServerConfig config, PrintStream out) {
        long started = System.nanoTime();
        RegistryServer server;
        try {
            server = RegistryServer.start(config);
        } catch (RuntimeException e) {
            System.err.println("error: cannot start: " + e.getMessage());
            return 1;
        }
        // A token the operator supplied is never printed: it is already where they keep secrets, and logs are not.
        server.bootstrapAdminToken().ifPresent(token -> {
            if (config.bootstrapAdminToken().isPresent()) {
                out.println("Created the bootstrap admin principal 'admin' with the token from MODELREG_BOOTSTRAP_ADMIN_TOKEN.");
            } else {
                out.println("Created the bootstrap admin principal 'admin'. Its token is shown once, now:");
                out.println("  " + token);
            }
        });
        out.printf("model-registry listening on http://%s:%d (%s) after %d ms%n", config.host(), server.port(),
                config.dbUrl().isPresent() ? "postgresql" : "sqlite under " + config.dataDir().toAbsolutePath(),
                (System.nanoTime() - started) / 1_000_000);
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "modelreg-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@code modelreg admin reset-token}: a new token for {@code admin}, its old ones revoked, straight on the database. */
    private static int resetAdminToken(ServerConfig config, PrintStream out) {
        try (RegistryContext context = RegistryContext.open(config)) {
            String token = context.services().principals().resetAdminToken().secret();
            out.println("Revoked the tokens of 'admin' and issued a new one. It is shown once, now:");
            out.println("  " + token);
            return 0;
        } catch (RuntimeException e) {
            System.err.println("error: cannot reset the admin token: " + e.getMessage());
            return 1;
        }
    }

    /** {@code modelreg admin scrub-artifacts}: re-reads every named blob; exit 1 when any is missing or altered. */
    private static int scrubArtifacts(ServerConfig config, PrintStream out) {
        try (RegistryContext context = RegistryContext.open(config)) {
            BlobScrubber.Report report = context.services().blobScrubber().scrubAll();
            report.findings().forEach(finding -> out.println("BAD  " + finding.sha256() + " " + finding.problem()));
            out.println("checked " + report.checked() + " blob(s) in " + context.blobStore().describe() + ": "
                    + (report.findings().isEmpty() ? "all match" : report.findings().size() + " do not match"));
            return report.findings().isEmpty() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("error: cannot scrub the artifact store: " + e.getMessage());
            return 1;
        }
    }

    private static int migrate(ServerConfig config, PrintStream out) {
        try (Database database = Database.open(config.jdbcUrl(), config.dataDir(), new SimpleMeterRegistry())) {
            int applied = new Migrations(database).migrate();
            out.println("applied " + applied + " migration(s)");
            return 0;
        } catch (RuntimeException e) {
            System.err.println("error: migration failed: " + e.getMessage());
            return 1;
        }
    }
}
