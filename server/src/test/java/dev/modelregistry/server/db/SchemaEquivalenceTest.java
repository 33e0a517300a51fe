package dev.modelregistry.server.db;

import dev.modelregistry.server.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two migration folders build the same schema: the same tables; the same columns, each as nullable on both and
 * of the same storage class (SQLite keeps times as text and booleans as integers, so types compare only loosely);
 * the same primary keys, unique constraints and indexes, partial ones with their condition; the same foreign keys.
 * A difference fails the test unless it is listed below with its reason.
 */
class SchemaEquivalenceTest {
    /**
     * Differences on purpose, each with its reason, worded as the test reports them ("only on PostgreSQL: …").
     * None today: PostgreSQL's time partitions of signals and fills are its storage of one table each and are not
     * read as tables (see {@link #PG_TABLES}); triggers, functions, CHECK constraints and defaults are not compared.
     */
    private static final Map<String, String> DELIBERATE = Map.of();

    @TempDir
    Path dir;

    @Test
    void bothMigrationFoldersBuildTheSameSchema() {
        String postgresUrl = TestDatabases.freshPostgresSchemaUrl();
        Set<String> postgres;
        try {
            postgres = migratedSchema(postgresUrl, SchemaEquivalenceTest::postgresFacts);
        } finally {
            TestDatabases.dropSchemaOf(postgresUrl);
        }
        Set<String> sqlite = migratedSchema(TestDatabases.sqliteUrl(dir), SchemaEquivalenceTest::sqliteFacts);

        Set<String> differences = new TreeSet<>();
        postgres.stream().filter(fact -> !sqlite.contains(fact)).map(fact -> "only on PostgreSQL: " + fact)
                .forEach(differences::add);
        sqlite.stream().filter(fact -> !postgres.contains(fact)).map(fact -> "only on SQLite: " + fact)
                .forEach(differences::add);

        assertThat(postgres).as("the schema was read").contains("table models", "column models.name text not null");
        assertThat(differences).as("differences between db/migration/postgresql and db/migration/sqlite")
                .containsExactlyInAnyOrderElementsOf(DELIBERATE.keySet());
    }

    private Set<String> migratedSchema(String url, Function<Handle, Set<String>> facts) {
        try (Database database = Database.open(url, dir, new SimpleMeterRegistry())) {
            new Migrations(database).migrate();
            return database.withHandle(facts::apply);
        }
    }

    // ---- PostgreSQL: the catalog of the current schema ----

    /**
     * The tables of the current schema, without Flyway's history and without partitions: PostgreSQL keeps signals and
     * fills in yearly partitions, which are the storage of one table each, not tables of the schema's own.
     */
    private static final String PG_TABLES = """
            (SELECT t.oid, t.relname FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE n.nspname = current_schema() AND t.relkind IN ('r', 'p') AND NOT t.relispartition
               AND t.relname <> 'flyway_schema_history') t""";

    /** The names of the columns numbered in {@code keys} of the table {@code relation}, in key order. */
    private static String pgColumns(String keys, String relation) {
        return "(SELECT string_agg(a.attname, ', ' ORDER BY k.ord) FROM unnest(" + keys + "::int2[])"
                + " WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = " + relation
                + " AND a.attnum = k.attnum)";
    }

    private static Set<String> postgresFacts(Handle h) {
        Set<String> facts = new TreeSet<>();
        h.createQuery("SELECT t.relname FROM " + PG_TABLES).mapTo(String.class)
                .forEach(table -> facts.add("table " + table));
        h.createQuery("SELECT t.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull "
                        + "FROM pg_attribute a JOIN " + PG_TABLES + " ON t.oid = a.attrelid "
                        + "WHERE a.attnum > 0 AND NOT a.attisdropped")
                .map((rs, ctx) -> column(rs.getString(1), rs.getString(2), postgresStorage(rs.getString(3)),
                        rs.getBoolean(4)))
                .forEach(facts::add);
        h.createQuery("SELECT t.relname, i.indisprimary, i.indisunique, " + pgColumns("i.indkey", "t.oid")
                        + ", pg_get_expr(i.indpred, i.indrelid) FROM pg_index i JOIN " + PG_TABLES
                        + " ON t.oid = i.indrelid")
                .map((rs, ctx) -> index(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4),
                        rs.getString(5)))
                .forEach(facts::add);
        h.createQuery("SELECT t.relname, " + pgColumns("co.conkey", "co.conrelid") + ", r.relname, "
                        + pgColumns("co.confkey", "co.confrelid") + " FROM pg_constraint co JOIN " + PG_TABLES
                        + " ON t.oid = co.conrelid JOIN pg_class r ON r.oid = co.confrelid WHERE co.contype = 'f'")
                .map((rs, ctx) -> foreignKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .forEach(facts::add);
        return facts;
    }

    /** The storage class SQLite gives a value of this PostgreSQL type. */
    private static String postgresStorage(String type) {
        return switch (type) {
            case "smallint", "integer", "bigint", "boolean" -> "integer";
            case "real", "double precision", "numeric" -> "real";
            case "bytea" -> "blob";
            default -> "text";
        };
    }

    // ---- SQLite: sqlite_master and the table pragmas ----

    private record SqliteColumn(String name, String type, boolean notNull, int keyPosition) {
    }

    private record SqliteForeignKeyColumn(int id, String referenced, String column, String referencedColumn) {
    }

    private static Set<String> sqliteFacts(Handle h) {
        Set<String> facts = new TreeSet<>();
        List<String> tables = h.createQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
                        + "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> 'flyway_schema_history'")
                .mapTo(String.class).list();
        for (String table : tables) {
            facts.add("table " + table);
            sqliteColumns(h, table, facts);
            sqliteIndexes(h, table, facts);
            sqliteForeignKeys(h, table, facts);
        }
        return facts;
    }

    private static void sqliteColumns(Handle h, String table, Set<String> facts) {
        List<SqliteColumn> columns = h.createQuery("SELECT name, type, \"notnull\", pk FROM pragma_table_info(:t)")
                .bind("t", table)
                .map((rs, ctx) -> new SqliteColumn(rs.getString(1), rs.getString(2).toUpperCase(Locale.ROOT),
                        rs.getBoolean(3), rs.getInt(4)))
                .list();
        List<SqliteColumn> key = columns.stream().filter(c -> c.keyPosition() > 0)
                .sorted(Comparator.comparingInt(SqliteColumn::keyPosition)).toList();
        for (SqliteColumn column : columns) {
            // An INTEGER PRIMARY KEY is the rowid, which is never NULL; pragma_table_info reports it as nullable.
            boolean rowid = key.equals(List.of(column)) && column.type().equals("INTEGER");
            facts.add(column(table, column.name(), sqliteStorage(column.type()), rowid || column.notNull()));
        }
        if (!key.isEmpty()) {
            facts.add("primary key " + table + "(" + key.stream().map(SqliteColumn::name)
                    .collect(Collectors.joining(", ")) + ")");
        }
    }

    private static void sqliteIndexes(Handle h, String table, Set<String> facts) {
        List<String> names = h.createQuery("SELECT name FROM pragma_index_list(:t) WHERE origin <> 'pk'")
                .bind("t", table).mapTo(String.class).list();
        for (String name : names) {
            boolean unique = h.createQuery("SELECT \"unique\" FROM pragma_index_list(:t) WHERE name = :i")
                    .bind("t", table).bind("i", name).mapTo(Boolean.class).one();
            String columns = String.join(", ", h.createQuery("SELECT name FROM pragma_index_info(:i) ORDER BY seqno")
                    .bind("i", name).mapTo(String.class).list());
            // A UNIQUE constraint's automatic index has no SQL; a partial index's condition is in its CREATE INDEX.
            String sql = h.createQuery("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = :i")
                    .bind("i", name).mapTo(String.class).findOne().orElse(null);
            int where = sql == null ? -1 : sql.toUpperCase(Locale.ROOT).lastIndexOf(" WHERE ");
            facts.add(index(table, false, unique, columns, where < 0 ? null : sql.substring(where + 7)));
        }
    }

    private static void sqliteForeignKeys(Handle h, String table, Set<String> facts) {
        h.createQuery("SELECT id, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(:t) ORDER BY id, seq")
                .bind("t", table)
                .map((rs, ctx) -> new SqliteForeignKeyColumn(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getString(4)))
                .collect(Collectors.groupingBy(SqliteForeignKeyColumn::id, TreeMap::new, Collectors.toList()))
                .values()
                .forEach(key -> facts.add(foreignKey(table,
                        key.stream().map(SqliteForeignKeyColumn::column).collect(Collectors.joining(", ")),
                        key.get(0).referenced(),
                        key.stream().map(SqliteForeignKeyColumn::referencedColumn).collect(Collectors.joining(", ")))));
    }

    /** SQLite's type affinity rules, in the order SQLite applies them. */
    private static String sqliteStorage(String type) {
        if (type.contains("INT")) {
            return "integer";
        }
        if (type.contains("CHAR") || type.contains("CLOB") || type.contains("TEXT")) {
            return "text";
        }
        if (type.isEmpty() || type.contains("BLOB")) {
            return "blob";
        }
        return type.contains("REAL") || type.contains("FLOA") || type.contains("DOUB") ? "real" : "numeric";
    }

    // ---- the facts, worded the same for both ----

    private static String column(String table, String column, String storage, boolean notNull) {
        return "column " + table + "." + column + " " + storage + (notNull ? " not null" : " null");
    }

    private static String index(String table, boolean primary, boolean unique, String columns, String predicate) {
        String kind = primary ? "primary key" : unique ? "unique" : "index";
        return kind + " " + table + "(" + columns + ")" + (predicate == null ? "" : " where " + condition(predicate));
    }

    /** A partial index's condition without PostgreSQL's casts and parentheses, so that both read alike. */
    private static String condition(String predicate) {
        return predicate.replaceAll("::[a-z ]+", "").replaceAll("[()]", "").replaceAll("\\s+", " ").trim()
                .toLowerCase(Locale.ROOT);
    }

    private static String foreignKey(String table, String columns, String referenced, String referencedColumns) {
        return "foreign key " + table + "(" + columns + ") references " + referenced + "(" + referencedColumns + ")";
    }
}
