package dev.modelregistry.cli;

import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;

/** A real registry server for CLI tests: SQLite in a scratch directory, a free port, a known admin token. */
final class RealRegistry implements AutoCloseable {
    final String url;
    final String adminToken;
    private final RegistryServer server;

    private RealRegistry(RegistryServer server, String adminToken) {
        this.server = server;
        this.adminToken = adminToken;
        this.url = "http://127.0.0.1:" + server.port();
    }

    static RealRegistry start(String name, String adminToken) throws IOException {
        return new RealRegistry(RegistryServer.start(ServerConfig.embeddedDefaults(Files.createTempDirectory(name))
                .withPort(0).withBootstrapAdminToken(adminToken)), adminToken);
    }

    /** The environment of a CLI run as the holder of {@code token}. */
    Map<String, String> env(String token) {
        return Map.of("MODELREG_URL", url, "MODELREG_TOKEN", token);
    }

    Map<String, String> adminEnv() {
        return env(adminToken);
    }

    /** A team, registrant, approver and evaluator on this registry, named after {@code prefix}. */
    PromotionFixture fixture(String prefix) {
        return new PromotionFixture(URI.create(url), adminToken, prefix);
    }

    @Override
    public void close() {
        server.close();
    }
}
