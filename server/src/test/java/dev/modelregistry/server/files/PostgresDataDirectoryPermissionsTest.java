package dev.modelregistry.server.files;

import dev.modelregistry.server.testing.Backend;

/** On PostgreSQL the data directory holds the blobs, the signing key and the spools, but no database. */
class PostgresDataDirectoryPermissionsTest extends DataDirectoryPermissionsContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
