package dev.modelregistry.server.keys;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for the registry's published public keys. */
public final class RegistryKeyStore {
    public List<RegistryKey> list(Handle handle) {
        return handle.createQuery("""
                        SELECT keyid, public_key_pem, status, created_at, retired_at FROM registry_keys
                        ORDER BY created_at, keyid""")
                .map((rs, ctx) -> {
                    var instants = ctx.findColumnMapperFor(Instant.class).orElseThrow();
                    return new RegistryKey(rs.getString("keyid"), rs.getString("public_key_pem"), rs.getString("status"),
                            instants.map(rs, "created_at", ctx), Optional.ofNullable(instants.map(rs, "retired_at", ctx)));
                })
                .list();
    }

    /** Publishes a key as active unless it is already known (in whatever state). Returns whether it was new. */
    public boolean publish(Handle handle, String keyid, String publicKeyPem, Instant at) {
        return handle.createUpdate("""
                        INSERT INTO registry_keys (keyid, public_key_pem, status, created_at)
                        VALUES (:keyid, :pem, 'active', :at)
                        ON CONFLICT (keyid) DO NOTHING""")
                .bind("keyid", keyid)
                .bind("pem", publicKeyPem)
                .bind("at", at)
                .execute() == 1;
    }

    public void retire(Handle handle, String keyid, Instant at) {
        handle.createUpdate("UPDATE registry_keys SET status = 'retired', retired_at = :at WHERE keyid = :keyid AND status = 'active'")
                .bind("keyid", keyid)
                .bind("at", at)
                .execute();
    }
}
