package dev.modelregistry.server.files;

import dev.modelregistry.server.testing.Backend;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** On SQLite the data directory also holds {@code registry.db} and, while the server runs, its WAL. */
class SqliteDataDirectoryPermissionsTest extends DataDirectoryPermissionsContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }

    @Override
    void checkDatabaseFiles(Path dataDir) {
        assertThat(mode(dataDir.resolve("registry.db"))).isEqualTo("rw-------");
        assertThat(mode(dataDir.resolve("registry.db-wal"))).isEqualTo("rw-------");
    }
}
