package dev.modelregistry.server.artifact;

import java.io.IOException;

/** No blob has this digest (it was never stored, or it was removed behind the registry's back). */
public final class BlobNotFoundException extends IOException {
    public BlobNotFoundException(String sha256) {
        super("no blob with sha-256 " + sha256);
    }
}
