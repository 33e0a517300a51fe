package dev.modelregistry.server.model;

import dev.modelregistry.core.identity.ModelName;

import java.time.Instant;

/** A registered model: a name and exactly one owning team ({@code ownerTeamRowId} is that team's row id). */
public record Model(long rowId, ModelName name, long ownerTeamRowId, String owner, String description,
                    String createdBy, Instant createdAt) {
}
