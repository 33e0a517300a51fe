package dev.modelregistry.server.ownership;

import dev.modelregistry.server.model.ModelHealth;

/** The audit detail of a reassignment: the owner team, and (before the change) the model's health; health may be null. */
public record OwnerChange(String owner, ModelHealth health) {
}
