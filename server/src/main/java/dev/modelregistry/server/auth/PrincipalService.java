package dev.modelregistry.server.auth;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.access.PrincipalRole;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Principals and their tokens: creation, listing, revocation, and the bootstrap admin of a new registry. */
public final class PrincipalService {
    private final Database database;
    private final PrincipalStore principals;
    private final TokenStore tokens;
    private final RoleStore roles;
    private final AuditLog audit;
    private final Clock clock;

    public PrincipalService(Database database, PrincipalStore principals, TokenStore tokens, RoleStore roles,
                            AuditLog audit, Clock clock) {
        this.database = database;
        this.principals = principals;
        this.tokens = tokens;
        this.roles = roles;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new token's one-time view: the token itself is never stored or shown again. */
    public record IssuedToken(ApiToken token, String secret) {
    }

    public Principal create(Caller caller, String name, Principal.Kind kind, boolean admin) {
        return database.inTransaction(handle -> {
            if (principals.findByName(handle, name).isPresent()) {
                throw new RegistryException(ErrorCode.ALREADY_EXISTS, "principal " + name + " already exists");
            }
            Principal created = principals.insert(handle, name, kind, admin, now());
            audit.append(handle, caller, AuditEvent.created(AuditLog.ADMIN_CHAIN, "principal.created",
                    "principal:" + name, created));
            return created;
        });
    }

    public Principal get(String name) {
        return database.withHandle(handle -> require(handle, name));
    }

    /** The roles an admin granted the principal (an admin holds every role without one). */
    public Set<PrincipalRole> rolesOf(String name) {
        return database.withHandle(handle -> roles.rolesOf(handle, require(handle, name).rowId()));
    }

    /** Granting a role the principal holds changes nothing and writes no audit entry. */
    public void grantRole(Caller caller, String principalName, PrincipalRole role) {
        database.inTransaction(handle -> {
            if (roles.grant(handle, require(handle, principalName).rowId(), role, now())) {
                audit.append(handle, caller, AuditEvent.created(AuditLog.ADMIN_CHAIN, "principal.role_granted",
                        roleSubject(principalName, role), new RoleChange(principalName, role.wire())));
            }
            return null;
        });
    }

    /** Revoking a role the principal does not hold changes nothing and writes no audit entry. */
    public void revokeRole(Caller caller, String principalName, PrincipalRole role) {
        database.inTransaction(handle -> {
            if (roles.revoke(handle, require(handle, principalName).rowId(), role)) {
                audit.append(handle, caller, AuditEvent.removed(AuditLog.ADMIN_CHAIN, "principal.role_revoked",
                        roleSubject(principalName, role), new RoleChange(principalName, role.wire())));
            }
            return null;
        });
    }

    private static String roleSubject(String principalName, PrincipalRole role) {
        return "principal:" + principalName + "/roles/" + role.wire();
    }

    public List<Principal> page(String afterName, int limit) {
        return database.withHandle(handle -> principals.page(handle, afterName, limit));
    }

    /** The principal named {@code name}, in the caller's transaction; 404 when there is none. */
    public Principal require(Handle handle, String name) {
        return principals.findByName(handle, name).orElseThrow(() -> RegistryException.notFound("principal " + name));
    }

    public IssuedToken issueToken(Caller caller, String principalName) {
        String secret = Tokens.newToken();
        return database.inTransaction(handle -> issue(handle, caller, require(handle, principalName), secret));
    }

    public List<ApiToken> tokensOf(String principalName) {
        return database.withHandle(handle -> tokens.listFor(handle, require(handle, principalName).rowId()));
    }

    /** Revoking twice is harmless: the second call changes nothing and writes no audit entry. */
    public void revokeToken(Caller caller, String tokenId) {
        database.inTransaction(handle -> {
            ApiToken token = tokens.find(handle, tokenId)
                    .orElseThrow(() -> RegistryException.notFound("token " + tokenId));
            Instant at = now();
            if (tokens.revoke(handle, tokenId, at)) {
                audit.append(handle, caller, new AuditEvent(AuditLog.ADMIN_CHAIN, "token.revoked", "token:" + tokenId,
                        token, token.revoked(at)));
            }
            return null;
        });
    }

    /**
     * Creates the {@code admin} principal and its token when the registry has no principals at all.
     * Returns the token when this call created it (so that it can be printed once), empty otherwise.
     * Several instances starting at once are safe: the unique name lets only one of them succeed.
     */
    public Optional<String> bootstrapAdmin(Optional<String> presetToken) {
        String secret = presetToken.orElseGet(Tokens::newToken);
        try {
            return database.inTransaction(handle -> {
                if (!principals.isEmpty(handle)) {
                    return Optional.<String>empty();
                }
                Caller system = Caller.system("bootstrap");
                Principal admin = principals.insert(handle, "admin", Principal.Kind.USER, true, now());
                audit.append(handle, system, AuditEvent.created(AuditLog.ADMIN_CHAIN, "principal.created",
                        "principal:admin", admin));
                issue(handle, system, admin, secret);
                return Optional.of(secret);
            });
        } catch (RuntimeException e) {
            if (database.isUniqueViolation(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Offline recovery of a lost bootstrap token ({@code modelreg admin reset-token}, run against the database with
     * the server's flags): revokes every active token of {@code admin} and issues a new one, audited as the
     * system's "offline-recovery". Whoever can run it can write the database anyway; the audit entries say it
     * happened.
     */
    public IssuedToken resetAdminToken() {
        Caller recovery = Caller.system("offline-recovery");
        return database.inTransaction(handle -> {
            Principal admin = principals.findByName(handle, "admin").filter(Principal::admin)
                    .orElseThrow(() -> RegistryException.notFound("bootstrap admin principal 'admin' (start the server once)"));
            Instant at = now();
            for (ApiToken token : tokens.listFor(handle, admin.rowId())) {
                if (token.revokedAt().isEmpty() && tokens.revoke(handle, token.id(), at)) {
                    audit.append(handle, recovery, new AuditEvent(AuditLog.ADMIN_CHAIN, "token.revoked",
                            "token:" + token.id(), token, token.revoked(at)));
                }
            }
            return issue(handle, recovery, admin, Tokens.newToken());
        });
    }

    private IssuedToken issue(Handle handle, Caller caller, Principal owner, String secret) {
        ApiToken token = new ApiToken(Tokens.newTokenId(), owner.name(), now(), Optional.empty());
        tokens.insert(handle, token.id(), owner.rowId(), Tokens.sha256(secret), token.createdAt());
        audit.append(handle, caller, AuditEvent.created(AuditLog.ADMIN_CHAIN, "token.created", "token:" + token.id(), token));
        return new IssuedToken(token, secret);
    }

    private Instant now() {
        return Times.truncate(clock.instant());
    }
}
