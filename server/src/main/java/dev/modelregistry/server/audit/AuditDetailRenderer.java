package dev.modelregistry.server.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders the domain record of an audit event as the JSON its entry's detail holds. Implemented once, where every
 * feature's renderers are known (the server's wiring), so that this package depends on no feature.
 */
@FunctionalInterface
public interface AuditDetailRenderer {
    /** The JSON of {@code record}; null for null. Throws for a record type it does not know. */
    JsonNode render(Object record);
}
