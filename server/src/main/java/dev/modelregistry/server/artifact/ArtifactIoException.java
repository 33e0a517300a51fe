package dev.modelregistry.server.artifact;

/** The artifact store failed (unreachable, broken, or a blob vanished); answered 503, never a partial success. */
public final class ArtifactIoException extends RuntimeException {
    public ArtifactIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
