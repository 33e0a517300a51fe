package dev.modelregistry.server.webhook;

import java.util.Locale;

/** Whether a subscription is being delivered to, or gave up on a delivery and waits to be enabled again. */
public enum SubscriptionState {
    ACTIVE, FAILING;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SubscriptionState fromWire(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
