package dev.modelregistry.server.access;

/** Turns a request's {@code Authorization} header into the {@link Caller}, or refuses it (401). */
@FunctionalInterface
public interface Authentication {
    Caller authenticate(String authorizationHeader, String requestId);
}
