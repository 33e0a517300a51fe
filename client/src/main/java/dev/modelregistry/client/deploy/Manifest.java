package dev.modelregistry.client.deploy;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The verified payload of a deployment manifest: which versions take traffic, at what share, and the exact size and
 * SHA-256 of each of their artifacts. Only a {@link ManifestVerifier} builds one, after the signature checked out.
 */
public record Manifest(String model, long revision, Instant issuedAt, Instant expiresAt, List<Entry> entries) {
    public Manifest {
        entries = List.copyOf(entries);
    }

    /** Whether an entry serves the bulk of the traffic or the canary share. */
    public enum Role {
        PRODUCTION, CANARY;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One version taking traffic. */
    public record Entry(String modelId, String lineageHash, int pct, Role role, List<ArtifactRef> artifacts) {
        public Entry {
            artifacts = List.copyOf(artifacts);
        }
    }

    /** An artifact as the manifest pins it. */
    public record ArtifactRef(String path, String sha256, long size) {
    }

    public Optional<Entry> production() {
        return entry(Role.PRODUCTION);
    }

    public Optional<Entry> canary() {
        return entry(Role.CANARY);
    }

    private Optional<Entry> entry(Role role) {
        return entries.stream().filter(e -> e.role() == role).findFirst();
    }
}
