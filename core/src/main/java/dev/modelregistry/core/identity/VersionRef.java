package dev.modelregistry.core.identity;

import dev.modelregistry.core.error.RegistryException;

import java.util.Optional;

/**
 * How a request names one version of a model: its model_id ({@code xsmom@2026.05.15-r3}) or an alias of the model
 * ({@code xsmom@production}, {@code xsmom@canary}, {@code xsmom@latest}). An alias means nothing until the registry
 * resolves it, inside the transaction that acts on the version, so that what it names cannot change in between.
 */
public sealed interface VersionRef permits ModelId, VersionAlias {
    /** The model the reference names a version of. */
    ModelName model();

    /** An alias when the text spells one, else a model_id; a validation error naming both forms otherwise. */
    static VersionRef parse(String text) {
        Optional<VersionAlias> alias = VersionAlias.parse(text);
        if (alias.isPresent()) {
            return alias.get();
        }
        try {
            return ModelId.parse(text);
        } catch (RegistryException e) {
            throw RegistryException.invalid("model_id", "must look like {name}@{YYYY.MM.DD}-r{N}, or be "
                    + "{name}@production, {name}@canary or {name}@latest");
        }
    }
}
