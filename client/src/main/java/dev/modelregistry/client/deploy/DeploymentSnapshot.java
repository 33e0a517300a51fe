package dev.modelregistry.client.deploy;

import java.time.Instant;
import java.util.Optional;

/** What a guard serves at one moment: a verified manifest revision with its production and optional canary. */
public record DeploymentSnapshot(String model, long revision, Instant issuedAt, Instant expiresAt,
                                 LoadedVersion production, Optional<LoadedVersion> canary) {

    /** The canary's share of the traffic, 0 without a canary. */
    public int canaryPct() {
        return canary.map(LoadedVersion::pct).orElse(0);
    }

    /** The version that serves {@code routingKey}: the canary when its stable bucket is below the canary's share. */
    public LoadedVersion pick(String routingKey) {
        if (canary.isPresent() && Routing.toCanary(Routing.bucket(routingKey), canary.get().pct())) {
            return canary.get();
        }
        return production;
    }
}
