package dev.modelregistry.server.ownership;

import dev.modelregistry.server.model.Health;

/** The audit detail of the state a model's health left: what the sweeper had audited before. */
public record HealthState(Health state) {
}
