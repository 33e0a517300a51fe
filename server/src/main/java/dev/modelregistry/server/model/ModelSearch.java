package dev.modelregistry.server.model;

import java.util.Optional;

/**
 * Which models a person is looking for: a part of the name, the owning team, a health state; each may be absent.
 * {@code nameContains} is matched literally (no wildcards).
 */
public record ModelSearch(Optional<String> nameContains, Optional<String> owner, Optional<Health> health) {
    public static ModelSearch everything() {
        return new ModelSearch(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
