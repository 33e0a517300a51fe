package dev.modelregistry.server.artifact;

import java.io.IOException;

/** The bytes received do not hash to the digest the client announced; nothing was stored. */
public final class BlobDigestMismatchException extends IOException {
    private final String expected;
    private final String actual;

    public BlobDigestMismatchException(String expected, String actual) {
        super("content has sha-256 " + actual + " but " + expected + " was announced");
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
