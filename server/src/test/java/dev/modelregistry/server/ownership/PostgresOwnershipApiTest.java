package dev.modelregistry.server.ownership;

import dev.modelregistry.server.config.ServerConfig;
import dev.modelregistry.server.testing.MutableClock;
import dev.modelregistry.server.testing.TestDatabases;
import dev.modelregistry.server.testing.TestRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** Strong owners on PostgreSQL. */
class PostgresOwnershipApiTest extends OwnershipApiContractTest {
    @Override
    TestRegistry start(MutableClock clock) {
        try {
            return TestRegistry.start(ServerConfig.embeddedDefaults(Files.createTempDirectory("owners")).withPort(0)
                    .withDb(TestDatabases.freshPostgresSchemaUrl()).withClock(clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
