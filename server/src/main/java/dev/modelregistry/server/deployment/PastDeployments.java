package dev.modelregistry.server.deployment;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.server.artifact.Artifact;
import dev.modelregistry.server.artifact.ArtifactService;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.model.Model;
import dev.modelregistry.server.model.ModelService;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Time travel: the split that was in force at a moment, for one model or for every model at once (what compliance
 * asks about a whole book), from the deployment history. Only the past can be asked about: a moment after the
 * registry's clock is refused, because a promotion could still change what the answer for it would be.
 */
public final class PastDeployments {
    private final Database database;
    private final DeploymentStore deployments;
    private final ModelService models;
    private final ArtifactService artifacts;
    private final Clock clock;

    /** A page of every model's past split, at the moment asked about (now, when none was named). */
    public record Page(Instant at, List<PastDeployment> deployments) {
    }

    public PastDeployments(Database database, DeploymentStore deployments, ModelService models,
                           ArtifactService artifacts, Clock clock) {
        this.database = database;
        this.deployments = deployments;
        this.models = models;
        this.artifacts = artifacts;
        this.clock = clock;
    }

    /** The split of {@code modelName} in force at {@code at}: revision 0, nothing deployed, before the first one. */
    public PastDeployment at(ModelName modelName, Instant at) {
        Instant moment = past(at);
        return database.withHandle(handle -> {
            Model model = models.requireModel(handle, modelName);
            DeploymentState state = deployments.inForceAt(handle, model.rowId(), modelName, moment);
            return withArtifacts(handle, List.of(state), moment).get(0);
        });
    }

    /** Up to {@code limit} models deployed by {@code at} (default now), by name after {@code afterName}. */
    public Page everyModelAt(Optional<Instant> at, Optional<String> afterName, int limit) {
        Instant moment = past(at.orElseGet(clock::instant));
        return database.withHandle(handle -> new Page(moment, withArtifacts(handle,
                deployments.everyModelInForceAt(handle, moment, afterName.orElse(""), limit), moment)));
    }

    /**
     * The moment at the precision changes are recorded with (microseconds, truncated, so that a moment just before a
     * change never rounds up onto it); refused when it has not come yet.
     */
    private Instant past(Instant at) {
        Instant now = clock.instant();
        if (at.isAfter(now)) {
            throw RegistryException.invalid("at", "is in the future (the registry's clock reads " + Times.format(now)
                    + "); only a moment that has passed has a deployment in force");
        }
        return Times.truncate(at);
    }

    /** The artifacts of every version of the given splits, read with one statement. */
    private List<PastDeployment> withArtifacts(Handle handle, List<DeploymentState> states, Instant at) {
        List<Long> versionRowIds = new ArrayList<>();
        for (DeploymentState state : states) {
            state.production().ifPresent(slot -> versionRowIds.add(slot.versionRowId()));
            state.canary().ifPresent(slot -> versionRowIds.add(slot.versionRowId()));
        }
        Map<Long, List<Artifact>> byVersion = artifacts.listByVersion(handle, versionRowIds);
        return states.stream().map(state -> new PastDeployment(state, at, ofSlots(state, byVersion))).toList();
    }

    private static Map<Long, List<Artifact>> ofSlots(DeploymentState state, Map<Long, List<Artifact>> byVersion) {
        Map<Long, List<Artifact>> own = new HashMap<>();
        state.production().ifPresent(slot -> own.put(slot.versionRowId(), byVersion.get(slot.versionRowId())));
        state.canary().ifPresent(slot -> own.put(slot.versionRowId(), byVersion.get(slot.versionRowId())));
        return own;
    }
}
