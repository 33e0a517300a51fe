package dev.modelregistry.server.keys;

import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Publishes the registry's public keys and rotates the signing key. */
public final class RegistryKeyService {
    private final Database database;
    private final RegistryKeyStore keys;
    private final RegistrySigningKey signingKey;
    private final AuditLog audit;
    private final Clock clock;

    public RegistryKeyService(Database database, RegistryKeyStore keys, RegistrySigningKey signingKey, AuditLog audit,
                              Clock clock) {
        this.database = database;
        this.keys = keys;
        this.signingKey = signingKey;
        this.audit = audit;
        this.clock = clock;
    }

    /** Makes sure this instance's signing key is listed, so that whatever it signs can be verified. */
    public void publishOwnKey() {
        database.inTransaction(handle -> {
            if (keys.publish(handle, signingKey.keyId(), Ed25519Pem.toPem(signingKey.publicKey()), now())) {
                audit.append(handle, Caller.system("startup"), new AuditEvent(AuditLog.ADMIN_CHAIN,
                        "registry_key.published", "registry_key:" + signingKey.keyId(), null, null));
            }
            return null;
        });
    }

    public List<RegistryKey> list() {
        return database.withHandle(keys::list);
    }

    /**
     * Switches to a new signing key: the new public key is published as active and the old one retired (still
     * listed, so manifests it signed keep verifying until they expire).
     */
    public synchronized List<RegistryKey> rotate(Caller caller) {
        String previous = signingKey.keyId();
        try {
            signingKey.rotate();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the new signing key: " + e.getMessage(), e);
        }
        return database.inTransaction(handle -> {
            Instant now = now();
            keys.publish(handle, signingKey.keyId(), Ed25519Pem.toPem(signingKey.publicKey()), now);
            keys.retire(handle, previous, now);
            audit.append(handle, caller, new AuditEvent(AuditLog.ADMIN_CHAIN, "registry_key.rotated",
                    "registry_key:" + signingKey.keyId(), new KeyChange(previous), new KeyChange(signingKey.keyId())));
            return keys.list(handle);
        });
    }

    private Instant now() {
        return Times.truncate(clock.instant());
    }
}
