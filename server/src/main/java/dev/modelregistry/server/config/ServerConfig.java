package dev.modelregistry.server.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Everything a server instance needs to start, resolved from flags, {@code MODELREG_*} variables and defaults.
 *
 * @param dbUrl       JDBC URL; empty means the embedded SQLite database under {@code dataDir}
 * @param migrate     apply pending migrations even when the database already has a schema
 * @param artifacts   where artifact bytes are stored and the upload size limit
 * @param deploy      the registry's signing key and the manifest lifetime
 * @param ownership   deprecation thresholds and the health sweeper's interval
 * @param otlpEndpoint where traces are exported (OTLP over HTTP), if anywhere
 * @param webhooks    webhook delivery: the SSRF allow-list, the attempt timeout, the secrets' key file
 */
public record ServerConfig(String host, int port, Path dataDir, Optional<String> dbUrl, long maxBodyBytes,
                           Optional<String> bootstrapAdminToken, boolean migrate, ArtifactConfig artifacts,
                           DeployConfig deploy, OwnershipConfig ownership, Optional<String> otlpEndpoint,
                           Clock clock, WebhookConfig webhooks) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("max body bytes must be at least 1024");
        }
    }

    /** The JDBC URL actually used: the given one, or SQLite in WAL mode under the data directory. */
    public String jdbcUrl() {
        return dbUrl.orElseGet(() -> "jdbc:sqlite:" + dataDir.resolve("registry.db").toAbsolutePath());
    }

    public static ServerConfig embeddedDefaults(Path dataDir) {
        return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, dataDir, Optional.empty(), DEFAULT_MAX_BODY_BYTES,
                Optional.empty(), false, ArtifactConfig.localDefaults(), DeployConfig.defaults(),
                OwnershipConfig.defaults(), Optional.empty(), Clock.systemUTC(),
                WebhookConfig.defaults());
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, dataDir, dbUrl, maxBodyBytes, bootstrapAdminToken,
                migrate, artifacts, deploy, ownership, otlpEndpoint, clock, webhooks);
    }

    public ServerConfig withDb(String url) {
        return new ServerConfig(host, port, dataDir, Optional.of(url), maxBodyBytes, bootstrapAdminToken,
                migrate, artifacts, deploy, ownership, otlpEndpoint, clock, webhooks);
    }

    public ServerConfig withBootstrapAdminToken(String token) {
        return new ServerConfig(host, port, dataDir, dbUrl, maxBodyBytes, Optional.of(token),
                migrate, artifacts, deploy, ownership, otlpEndpoint, clock, webhooks);
    }

    public ServerConfig withMaxBodyBytes(long bytes) {
        return new ServerConfig(host, port, dataDir, dbUrl, bytes, bootstrapAdminToken,
                migrate, artifacts, deploy, ownership, otlpEndpoint, clock, webhooks);
    }

    public ServerConfig withArtifacts(ArtifactConfig newArtifacts) {
        return new ServerConfig(host, port, dataDir, dbUrl, maxBodyBytes, bootstrapAdminToken,
                migrate, newArtifacts, deploy, ownership, otlpEndpoint, clock, webhooks);
    }

    public ServerConfig withDeploy(DeployConfig newDeploy) {
        return new ServerConfig(host, port, dataDir, dbUrl, maxBodyBytes, bootstrapAdminToken,
                migrate, artifacts, newDeploy, ownership, otlpEndpoint, clock, webhooks);
    }

    public ServerConfig withOwnership(OwnershipConfig newOwnership) {
        return new ServerConfig(host, port, dataDir, dbUrl, maxBodyBytes, bootstrapAdminToken,
                migrate, artifacts, deploy, newOwnership, otlpEndpoint, clock, webhooks);
    }

    public ServerConfig withClock(Clock newClock) {
        return new ServerConfig(host, port, dataDir, dbUrl, maxBodyBytes, bootstrapAdminToken,
                migrate, artifacts, deploy, ownership, otlpEndpoint, newClock, webhooks);
    }

    public ServerConfig withWebhooks(WebhookConfig newWebhooks) {
        return new ServerConfig(host, port, dataDir, dbUrl, maxBodyBytes, bootstrapAdminToken,
                migrate, artifacts, deploy, ownership, otlpEndpoint, clock, newWebhooks);
    }
}
