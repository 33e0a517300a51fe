package dev.modelregistry.server.lineage;

/**
 * The two kinds of lineage event and where each is stored. One ingest pipeline serves both; the kind names the
 * id and time fields of the NDJSON lines and the key and data tables (fixed identifiers, never user input).
 */
public enum EventKind {
    SIGNAL("signal_id", "emitted_at", "signal_keys", "signals"),
    FILL("fill_id", "executed_at", "fill_keys", "fills");

    private final String idField;
    private final String timeField;
    private final String keyTable;
    private final String dataTable;

    EventKind(String idField, String timeField, String keyTable, String dataTable) {
        this.idField = idField;
        this.timeField = timeField;
        this.keyTable = keyTable;
        this.dataTable = dataTable;
    }

    public String idField() {
        return idField;
    }

    public String timeField() {
        return timeField;
    }

    String keyTable() {
        return keyTable;
    }

    String dataTable() {
        return dataTable;
    }

    /** The kind as a metric label: {@code signals}, {@code fills}. */
    public String metricName() {
        return dataTable;
    }

    /** The audit chain (and subject) of this kind's ingest batches: {@code lineage:signals}, {@code lineage:fills}. */
    public String chain() {
        return "lineage:" + dataTable;
    }
}
