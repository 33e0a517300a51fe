package dev.modelregistry.server.deployment;

import dev.modelregistry.core.dsse.DsseEnvelope;
import dev.modelregistry.server.model.ModelHealth;

/**
 * A model's split with its freshly signed manifest and the model's health: under deprecation pressure the answer
 * carries a {@code deprecation} object (and the route adds the Deprecation and Sunset headers).
 */
public record DeploymentView(DeploymentState state, DsseEnvelope manifest, ModelHealth health) {
}
