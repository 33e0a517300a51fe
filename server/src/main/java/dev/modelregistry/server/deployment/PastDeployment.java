package dev.modelregistry.server.deployment;

import dev.modelregistry.server.artifact.Artifact;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The split a model had in force at a past moment ({@code state.updatedAt()} is when it came into force, null before
 * the first deployment), with the artifacts of the versions in it by version row id. Never signed: it answers what
 * was, and nothing may load it as what is.
 */
public record PastDeployment(DeploymentState state, Instant at, Map<Long, List<Artifact>> artifacts) {
    public PastDeployment {
        artifacts = Map.copyOf(artifacts);
    }
}
