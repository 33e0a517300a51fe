package dev.modelregistry.server.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Flyway with one folder per dialect. The server migrates an empty database on first start; a database that
 * already has a schema is only migrated when told to, so that an upgrade is a deliberate step.
 */
public final class Migrations {
    private final Flyway flyway;

    public Migrations(Database database) {
        this.flyway = Flyway.configure()
                .dataSource(database.dataSource())
                .locations(database.dialect().migrationLocation())
                .validateOnMigrate(true)
                .load();
    }

    public int pendingCount() {
        return flyway.info().pending().length;
    }

    public boolean hasSchema() {
        MigrationInfo current = flyway.info().current();
        return current != null;
    }

    /** Applies pending migrations; returns how many ran. */
    public int migrate() {
        return flyway.migrate().migrationsExecuted;
    }

    /**
     * Prepares the schema for serving: migrates an empty database, migrates an existing one only when allowed,
     * and otherwise refuses to start on pending migrations.
     */
    public void prepareForServing(boolean migrateExisting) {
        if (!hasSchema() || migrateExisting) {
            migrate();
            return;
        }
        int pending = pendingCount();
        if (pending > 0) {
            throw new IllegalStateException(pending + " pending migration(s); run `modelreg migrate` or serve with --migrate");
        }
        flyway.validate();
    }
}
