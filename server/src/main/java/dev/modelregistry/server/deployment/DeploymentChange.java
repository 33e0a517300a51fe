package dev.modelregistry.server.deployment;

/** The audit detail of a deployment after a change: the new split, and why (a rollback's reason; null for a promotion). */
public record DeploymentChange(DeploymentState after, String reason) {
}
