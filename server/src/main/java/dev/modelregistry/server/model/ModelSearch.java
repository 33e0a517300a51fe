package dev.modelregistry.server.model;

import java.util.List;
import java.util.Optional;

/**
 * Which models a person is looking for: the start of the name, a part of it, the owning team, a health state, and
 * labels some version carries (each label on some version, not necessarily the same one); each may be absent, and
 * the ones given must all hold. Name parts are matched literally (no wildcards).
 */
public record ModelSearch(Optional<String> namePrefix, Optional<String> nameContains, Optional<String> owner,
                          Optional<Health> health, List<LabelFilter> labels) {
    public ModelSearch {
        labels = List.copyOf(labels);
    }

    public static ModelSearch everything() {
        return new ModelSearch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }
}
