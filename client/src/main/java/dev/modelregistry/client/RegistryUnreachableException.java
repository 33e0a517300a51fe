package dev.modelregistry.client;

import java.net.ConnectException;
import java.net.URI;

/** The registry could not be reached (refused connection, DNS, timeout, interrupted): no HTTP answer at all. */
public class RegistryUnreachableException extends RuntimeException {
    private final URI uri;

    public RegistryUnreachableException(String method, URI uri, Throwable cause) {
        super("cannot reach the model registry: " + method + " " + uri + " failed: " + describe(cause), cause);
        this.uri = uri;
    }

    public URI uri() {
        return uri;
    }

    // The HttpClient's ConnectException carries no message anywhere in its chain, so say what it means.
    private static String describe(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return cause.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        if (cause instanceof ConnectException) {
            return "could not connect (nothing is listening there, or the host is unreachable)";
        }
        return cause.getClass().getSimpleName();
    }
}
