package dev.modelregistry.server.auth;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.access.Authentication;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.db.Database;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/**
 * Turns an {@code Authorization: Bearer} header into a {@link Caller}. Looked up on every request, never
 * cached, so a revoked token stops working at once on every instance.
 */
public final class Authenticator implements Authentication {
    private static final String BEARER = "Bearer ";

    private final Database database;
    private final TokenStore tokens;

    public Authenticator(Database database, TokenStore tokens) {
        this.database = database;
        this.tokens = tokens;
    }

    @Override
    public Caller authenticate(String authorizationHeader, String requestId) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new RegistryException(ErrorCode.UNAUTHENTICATED, "send Authorization: Bearer <token>");
        }
        String token = authorizationHeader.substring(BEARER.length()).trim();
        if (token.isEmpty() || token.length() > 512) {
            throw new RegistryException(ErrorCode.UNAUTHENTICATED, "the bearer token is not valid");
        }
        String sha = Tokens.sha256(token);
        return database.withHandle(handle -> activeCaller(handle, sha, requestId))
                .orElseThrow(() -> new RegistryException(ErrorCode.UNAUTHENTICATED,
                        "the bearer token is unknown or revoked"));
    }

    /**
     * The caller whose active token has this SHA-256, in the caller's transaction: how a console session, which
     * keeps only its token's hash, is checked against revocation on every request. The index lookup is by SHA-256,
     * which reveals nothing about the token; the final comparison is constant-time all the same.
     */
    public Optional<Caller> activeCaller(Handle handle, String tokenSha256, String requestId) {
        return tokens.findActive(handle, tokenSha256)
                .filter(found -> Tokens.sameHash(found.tokenSha256(), tokenSha256))
                .map(active -> {
                    Principal principal = active.principal();
                    return new Caller(principal.rowId(), principal.name(), principal.admin(), active.roles(), requestId);
                });
    }
}
