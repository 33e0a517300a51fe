package dev.modelregistry.cli;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelId;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The MODEL_ID argument of every verb that names a version: the model's name is the part before the '@'. */
final class VersionArgument {
    private VersionArgument() {
    }

    static String modelOf(CommandLine verb, String modelId) {
        try {
            return ModelId.parse(modelId).model().value();
        } catch (RegistryException | IllegalArgumentException e) {
            throw new ParameterException(verb, "MODEL_ID must look like NAME@YYYY.MM.DD-rN (e.g. "
                    + "xsmom@2026.05.15-r3), got '" + modelId + "'");
        }
    }
}
