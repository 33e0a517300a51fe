package dev.modelregistry.server.config;

import java.time.Duration;

/**
 * Deprecation pressure defaults (a model may override them) and how often the sweeper audits health changes.
 * warning after {@code warnAfter} without a new version from the owner team, expired after {@code expireAfter},
 * ownership released (orphan) after {@code orphanAfter}.
 */
public record OwnershipConfig(Duration warnAfter, Duration expireAfter, Duration orphanAfter, Duration sweepInterval) {
    public OwnershipConfig {
        if (warnAfter.isNegative() || expireAfter.compareTo(warnAfter) < 0 || orphanAfter.compareTo(expireAfter) < 0) {
            throw new IllegalArgumentException("deprecation thresholds must satisfy 0 <= warn <= expire <= orphan");
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("the sweep interval must be positive");
        }
    }

    public static OwnershipConfig defaults() {
        return new OwnershipConfig(Duration.ofDays(90), Duration.ofDays(180), Duration.ofDays(210), Duration.ofMinutes(1));
    }
}
