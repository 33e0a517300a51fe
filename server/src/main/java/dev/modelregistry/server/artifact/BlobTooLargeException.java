package dev.modelregistry.server.artifact;

import java.io.IOException;

/** The content exceeded the upload limit; nothing was stored. */
public final class BlobTooLargeException extends IOException {
    public BlobTooLargeException(long maxBytes) {
        super("artifacts are limited to " + maxBytes + " bytes");
    }
}
