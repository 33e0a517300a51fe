package dev.modelregistry.server.model;

import java.util.Optional;

/**
 * Which models a person is looking for: a part of the name, the owning team, a health state, a label some version
 * carries; each may be absent. {@code nameContains} is matched literally (no wildcards).
 */
public record ModelSearch(Optional<String> nameContains, Optional<String> owner, Optional<Health> health,
                          Optional<Label> label) {
    /** A label key, with or without the value it must have. */
    public record Label(String key, Optional<String> value) {
    }

    public ModelSearch(Optional<String> nameContains, Optional<String> owner, Optional<Health> health) {
        this(nameContains, owner, health, Optional.empty());
    }

    public static ModelSearch everything() {
        return new ModelSearch(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
