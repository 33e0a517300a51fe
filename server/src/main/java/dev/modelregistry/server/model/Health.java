package dev.modelregistry.server.model;

import java.util.Locale;

/** How much deprecation pressure a model is under, in increasing order. */
public enum Health {
    OK, WARNING, EXPIRED, ORPHAN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Health fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
