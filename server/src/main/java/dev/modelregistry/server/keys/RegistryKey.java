package dev.modelregistry.server.keys;

import java.time.Instant;
import java.util.Optional;

/** A public key of the registry as published at GET /keys; retired keys stay listed so old manifests verify. */
public record RegistryKey(String keyid, String publicKeyPem, String status, Instant createdAt, Optional<Instant> retiredAt) {
}
