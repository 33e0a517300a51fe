package dev.modelregistry.server.webhook;

/** The webhook feature as wired: the subscriptions' service and this instance's dispatcher. */
public record WebhookFeature(WebhookService service, WebhookDispatcher dispatcher) {
}
