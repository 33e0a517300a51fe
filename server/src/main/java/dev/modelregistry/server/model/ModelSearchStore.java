package dev.modelregistry.server.model;

import dev.modelregistry.server.config.OwnershipConfig;
import dev.modelregistry.server.db.Where;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;

/**
 * Reads (never writes) the models a {@link ModelSearch} finds, each with its health, in name order: one statement
 * whatever the filters, with only the conditions the search uses. Names compare byte by byte on both databases
 * (PostgreSQL keeps {@code models.name} in the "C" collation, as SQLite does by default), so a name prefix is the
 * index range [prefix, prefix with its last character bumped).
 */
public final class ModelSearchStore {
    private static final String SELECT = "SELECT m.id, m.name, m.owner_team_id, t.name AS owner, m.description,"
            + " p.name AS created_by, m.created_at, " + HealthStore.COLUMNS + """

            FROM models m
            JOIN teams t ON t.id = m.owner_team_id
            JOIN principals p ON p.id = m.created_by
            """;

    /** Some version of model {@code m} carries the label key {@code :labelKeyN} (and value {@code :labelValueN}). */
    private static final String LABEL = """
            EXISTS (SELECT 1 FROM model_labels l WHERE l.model_id = m.id AND l.key = :labelKey%1$d%2$s)""";

    private static final RowMapper<ModelView> VIEW = (rs, ctx) ->
            new ModelView(ModelStore.MODEL.map(rs, ctx), HealthStore.mapper().map(rs, ctx));

    private final OwnershipConfig defaults;

    public ModelSearchStore(OwnershipConfig defaults) {
        this.defaults = defaults;
    }

    /** The models matching {@code search} with their health at {@code now}, by name, after {@code afterName}. */
    public List<ModelView> search(Handle handle, ModelSearch search, String afterName, int limit, Instant now) {
        Where where = new Where().and("m.name > :after", "after", afterName);
        search.namePrefix().ifPresent(prefix -> where.and("m.name >= :prefix", "prefix", prefix)
                .and("m.name < :prefixEnd", "prefixEnd", bumpLast(prefix)));
        search.nameContains().ifPresent(part -> where.and("m.name LIKE :contains ESCAPE '!'", "contains",
                "%" + likeLiteral(part) + "%"));
        search.owner().ifPresent(owner -> where.and("t.name = :owner", "owner", owner));
        for (int i = 0; i < search.labels().size(); i++) {
            label(where, i, search.labels().get(i));
        }
        search.health().ifPresent(state -> where.and(HealthStore.IN_STATE, "state", state.wire()));
        return where.bindTo(HealthStore.bind(handle.createQuery(SELECT + "WHERE " + where.sql()
                        + "\nORDER BY m.name LIMIT :limit"), defaults, now))
                .bind("limit", limit)
                .map(VIEW)
                .list();
    }

    private static void label(Where where, int n, LabelFilter label) {
        where.and(LABEL.formatted(n, label.value().isPresent() ? " AND l.value = :labelValue" + n : ""),
                "labelKey" + n, label.key());
        label.value().ifPresent(value -> where.bind("labelValue" + n, value));
    }

    /** The least string above every string that starts with {@code prefix}, in byte order. */
    private static String bumpLast(String prefix) {
        int last = prefix.length() - 1;
        return prefix.substring(0, last) + (char) (prefix.charAt(last) + 1);
    }

    /**
     * {@code text} as a LIKE pattern matching only itself. The escape character is '!', not a backslash: Jdbi's SQL
     * parser reads a backslash before a quote as an escaped quote, so two {@code ESCAPE '\'} clauses in one
     * statement ran together and shifted the named parameters after them.
     */
    private static String likeLiteral(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
