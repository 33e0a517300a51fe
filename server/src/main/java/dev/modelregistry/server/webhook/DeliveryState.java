package dev.modelregistry.server.webhook;

import java.util.Locale;

/**
 * A delivery waits behind an earlier one of its line (queued), heads its line and is due or being retried (pending),
 * was delivered (a 2xx answer), or failed for good (its retries ran out; what is queued behind it waits).
 */
public enum DeliveryState {
    QUEUED, PENDING, DELIVERED, FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryState fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
