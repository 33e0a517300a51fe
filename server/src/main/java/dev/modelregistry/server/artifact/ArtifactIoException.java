package dev.modelregistry.server.artifact;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;

/** The artifact store failed (unreachable, broken, or a blob vanished); answered 503, never a partial success. */
public final class ArtifactIoException extends RegistryException {
    public ArtifactIoException(String message, Throwable cause) {
        super(ErrorCode.UNAVAILABLE, message, cause);
    }
}
