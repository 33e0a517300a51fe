package dev.modelregistry.server.db;

import org.jdbi.v3.core.statement.SqlStatement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WHERE clause of a search, built one filter at a time: each condition is written next to the values it binds,
 * and only the filters a request used end up in the statement, so that the planner sees a plain conjunction it can
 * match to an index (rather than {@code (:x IS NULL OR col = :x)}, which defeats them).
 */
public final class Where {
    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** Adds a condition that binds nothing. */
    public Where and(String condition) {
        conditions.add(condition);
        return this;
    }

    /** Adds a condition and the one named value it binds. */
    public Where and(String condition, String name, Object value) {
        conditions.add(condition);
        values.put(name, value);
        return this;
    }

    /** Binds one more named value of the last condition. */
    public Where bind(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /** The conditions joined with AND; {@code 1 = 1} when there are none. */
    public String sql() {
        return conditions.isEmpty() ? "1 = 1" : String.join("\n  AND ", conditions);
    }

    /** Binds every value the conditions use to {@code statement}. */
    public <S extends SqlStatement<S>> S bindTo(S statement) {
        values.forEach(statement::bind);
        return statement;
    }
}
