package dev.modelregistry.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The deploy contract's settings: where the registry's Ed25519 signing key lives (default
 * {@code <data-dir>/registry-signing-key.pem}, created at first start with mode 0600) and how long a signed
 * manifest stays valid.
 */
public record DeployConfig(Optional<Path> signingKey, Duration manifestTtl) {
    public static final Duration DEFAULT_MANIFEST_TTL = Duration.ofMinutes(10);

    public DeployConfig {
        if (manifestTtl.isNegative() || manifestTtl.isZero()) {
            throw new IllegalArgumentException("the manifest TTL must be positive");
        }
    }

    public static DeployConfig defaults() {
        return new DeployConfig(Optional.empty(), DEFAULT_MANIFEST_TTL);
    }

    public Path signingKeyPath(Path dataDir) {
        return signingKey.orElseGet(() -> dataDir.resolve("registry-signing-key.pem"));
    }
}
