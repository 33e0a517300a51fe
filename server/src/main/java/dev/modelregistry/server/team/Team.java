package dev.modelregistry.server.team;

import java.time.Instant;
import java.util.List;

/** An owning team: the principals accountable for the models it owns. */
public record Team(long rowId, String name, List<String> members, Instant createdAt) {
    public Team {
        members = List.copyOf(members);
    }
}
