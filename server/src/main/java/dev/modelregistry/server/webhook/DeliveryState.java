package dev.modelregistry.server.webhook;

import java.util.Locale;

/** A delivery waits (or is being retried), was delivered (a 2xx answer), or failed for good (retries ran out). */
public enum DeliveryState {
    PENDING, DELIVERED, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
