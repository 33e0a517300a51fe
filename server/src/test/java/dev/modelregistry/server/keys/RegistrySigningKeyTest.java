package dev.modelregistry.server.keys;

import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.DsseEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrySigningKeyTest {
    @TempDir
    Path dir;

    @Test
    void aNewKeyIsWrittenOwnerOnlyAndReloadsToTheSameKey() throws Exception {
        Path file = dir.resolve("key.pem");
        RegistrySigningKey created = RegistrySigningKey.loadOrCreate(file);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        RegistrySigningKey loaded = RegistrySigningKey.loadOrCreate(file);
        assertThat(loaded.keyId()).isEqualTo(created.keyId());
        assertThat(loaded.publicKey()).isEqualTo(created.publicKey());
        DsseEnvelope signed = Dsse.sign("t", new byte[] {1, 2, 3}, loaded.keyId(), loaded.privateKey());
        assertThat(Dsse.verifiedBy(signed, created.publicKey())).isTrue();
    }

    @Test
    void rotationWritesANewKeyAndKeepsTheOldFileAside() throws Exception {
        Path file = dir.resolve("key.pem");
        RegistrySigningKey key = RegistrySigningKey.loadOrCreate(file);
        String before = key.keyId();
        key.rotate();
        assertThat(key.keyId()).isNotEqualTo(before);
        assertThat(RegistrySigningKey.loadOrCreate(file).keyId()).isEqualTo(key.keyId());
        assertThat(Files.exists(dir.resolve("key.pem." + before + ".retired"))).isTrue();
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
        assertThat(Set.of(Files.getPosixFilePermissions(file).toArray()))
                .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    }
}
