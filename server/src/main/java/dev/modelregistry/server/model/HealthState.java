package dev.modelregistry.server.model;

/** The audit detail of the state a model's health left: what the sweeper had audited before. */
public record HealthState(Health state) {
}
