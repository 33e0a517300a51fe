package dev.modelregistry.server.keys;

import dev.modelregistry.core.dsse.Ed25519Pem;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import org.jdbi.v3.core.Handle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Publishes the registry's public keys and rotates the signing key. */
public final class RegistryKeyService {
    /** The cluster lock under which an instance checks or publishes its key at start ("keys" in ASCII). */
    private static final long KEY_LOCK = 0x6b657973L;
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

    /**
     * Publishes this instance's signing key on a new registry, and refuses to start an instance whose key is not the
     * database's active one: two instances signing with different keys would publish two "active" keys, and a
     * deploy guard pinned to one would refuse the other's manifests. Changing the key is {@link #rotate}, an
     * explicit and audited command. The cluster lock makes instances starting together on an empty registry agree.
     */
    public void publishOwnKey() {
        database.inTransactionUnderClusterLock(KEY_LOCK, "signing-key", this::checkOrPublish);
    }

    private void checkOrPublish(Handle handle) {
        List<RegistryKey> known = keys.list(handle);
        String own = signingKey.keyId();
        List<String> active = known.stream().filter(k -> k.status().equals("active")).map(RegistryKey::keyid).toList();
        if (active.contains(own)) {
            return;
        }
        if (known.stream().anyMatch(k -> k.keyid().equals(own))) {
            throw new IllegalStateException("this instance's signing key " + own + " was retired by a rotation; install "
                    + "the active key " + String.join(", ", active) + " (--signing-key) before starting it");
        }
        if (!active.isEmpty()) {
            throw new IllegalStateException("this instance's signing key " + own + " is not the registry's active key "
                    + String.join(", ", active) + ": give every instance the same key file (--signing-key), or "
                    + "change keys with 'modelreg keys rotate'");
        }
        keys.publish(handle, own, Ed25519Pem.toPem(signingKey.publicKey()), now());
        audit.append(handle, Caller.system("startup"), new AuditEvent(AuditLog.ADMIN_CHAIN,
                "registry_key.published", "registry_key:" + own, null, null));
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
