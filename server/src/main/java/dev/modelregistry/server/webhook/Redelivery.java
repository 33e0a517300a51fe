package dev.modelregistry.server.webhook;

/** A delivery someone asked to be sent again: what its audit entry records. */
public record Redelivery(long deliveryId, String eventId) {
}
