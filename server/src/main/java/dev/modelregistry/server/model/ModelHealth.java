package dev.modelregistry.server.model;

import dev.modelregistry.core.identity.ModelName;

import java.time.Instant;

/**
 * A model's health now, derived from timestamps: the state, since when, why, and when its ownership is (or was)
 * released ({@code sunset}). {@code expiresAt} is when it becomes (or became) expired.
 */
public record ModelHealth(long modelRowId, ModelName model, String owner, Health state, Instant since, String reason,
                          Instant expiresAt, Instant sunset) {
    public ModelHealth withSince(Instant newSince) {
        return new ModelHealth(modelRowId, model, owner, state, newSince, reason, expiresAt, sunset);
    }
}
