package dev.modelregistry.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The deploy contract's settings: where the registry's Ed25519 signing key lives (default
 * {@code <data-dir>/registry-signing-key.pem}, created at first start with mode 0600) and how long a signed
 * manifest stays valid; and where the audit log key lives (default {@code <data-dir>/audit-log-key.pem}, created 0600,
 * or {@code env:NAME} for a PEM held in the environment variable NAME), which must be another key.
 */
public record DeployConfig(Optional<Path> signingKey, Duration manifestTtl, Optional<String> auditKey) {
    /** The environment-variable form of {@link #auditKey}: {@code env:NAME}. */
    public static final String ENV_PREFIX = "env:";
    public static final Duration DEFAULT_MANIFEST_TTL = Duration.ofMinutes(10);

    public DeployConfig {
        if (manifestTtl.isNegative() || manifestTtl.isZero()) {
            throw new IllegalArgumentException("the manifest TTL must be positive");
        }
    }

    public DeployConfig(Optional<Path> signingKey, Duration manifestTtl) {
        this(signingKey, manifestTtl, Optional.empty());
    }

    public static DeployConfig defaults() {
        return new DeployConfig(Optional.empty(), DEFAULT_MANIFEST_TTL);
    }

    /** The audit log key's file, unless {@link #auditKeyVariable} names an environment variable instead. */
    public Path auditKeyPath(Path dataDir) {
        return auditKey.filter(k -> !k.startsWith(ENV_PREFIX)).map(Path::of)
                .orElseGet(() -> dataDir.resolve("audit-log-key.pem"));
    }

    public Optional<String> auditKeyVariable() {
        return auditKey.filter(k -> k.startsWith(ENV_PREFIX)).map(k -> k.substring(ENV_PREFIX.length()));
    }

    public Path signingKeyPath(Path dataDir) {
        return signingKey.orElseGet(() -> dataDir.resolve("registry-signing-key.pem"));
    }
}
