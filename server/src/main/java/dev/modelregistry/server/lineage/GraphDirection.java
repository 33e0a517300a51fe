package dev.modelregistry.server.lineage;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which way a graph query walks the ensemble DAG from a version. */
public enum GraphDirection {
    /** What the version consumes: its parents (an ensemble's children), recursively. */
    UP,
    /** The ensembles that consume the version, recursively. */
    DOWN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GraphDirection> fromWire(String text) {
        return Arrays.stream(values()).filter(d -> d.wire().equals(text)).findFirst();
    }
}
