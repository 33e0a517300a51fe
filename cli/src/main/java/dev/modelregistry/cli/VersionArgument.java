package dev.modelregistry.cli;

import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.VersionAlias;
import dev.modelregistry.core.identity.VersionRef;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The MODEL_ID argument of the verbs that name a version: a model_id, or an alias of its model ({@code
 * xsmom@production}, {@code xsmom@canary}, {@code xsmom@latest}); the model's name is the part before the '@'.
 */
final class VersionArgument {
    /** How the help describes the argument. */
    static final String DESCRIPTION = "The version: a model_id (e.g. xsmom@2026.05.15-r3) or an alias, "
            + "xsmom@production, xsmom@canary or xsmom@latest";

    private VersionArgument() {
    }

    static String modelOf(CommandLine verb, String modelId) {
        try {
            return VersionRef.parse(modelId).model().value();
        } catch (RegistryException | IllegalArgumentException e) {
            throw new ParameterException(verb, "MODEL_ID must look like NAME@YYYY.MM.DD-rN (e.g. "
                    + "xsmom@2026.05.15-r3) or be NAME@production, NAME@canary or NAME@latest, got '" + modelId + "'");
        }
    }

    /**
     * The concrete model_id of the argument: an alias is asked about once, so that a verb sending several requests
     * (a download of every artifact) acts on the one version the alias named when it started.
     */
    static String resolve(RegistryClient registry, String model, String modelId) {
        if (VersionRef.parse(modelId) instanceof VersionAlias) {
            return registry.version(model, modelId).path("model_id").asText();
        }
        return modelId;
    }
}
