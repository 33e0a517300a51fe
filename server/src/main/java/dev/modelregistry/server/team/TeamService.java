package dev.modelregistry.server.team;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.audit.AuditEvent;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.auth.Principal;
import dev.modelregistry.server.auth.PrincipalService;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Teams and memberships. Adding an existing member or removing an absent one changes nothing and is not audited.
 * Other features ask this service (never the team tables) whether a principal belongs to a team.
 */
public final class TeamService {
    private final Database database;
    private final TeamStore teams;
    private final PrincipalService principals;
    private final AuditLog audit;
    private final Clock clock;

    public TeamService(Database database, TeamStore teams, PrincipalService principals, AuditLog audit, Clock clock) {
        this.database = database;
        this.teams = teams;
        this.principals = principals;
        this.audit = audit;
        this.clock = clock;
    }

    public Team create(Caller caller, String name) {
        return database.inTransaction(handle -> {
            if (teams.findByName(handle, name).isPresent()) {
                throw new RegistryException(ErrorCode.ALREADY_EXISTS, "team " + name + " already exists");
            }
            Team team = teams.insert(handle, name, Times.truncate(clock.instant()));
            audit.append(handle, caller, AuditEvent.created(AuditLog.ADMIN_CHAIN, "team.created", "team:" + name, team));
            return team;
        });
    }

    public Team get(String name) {
        return database.withHandle(handle -> require(handle, name));
    }

    public List<Team> page(String afterName, int limit) {
        return database.withHandle(handle -> teams.page(handle, afterName, limit));
    }

    public void addMember(Caller caller, String teamName, String principalName) {
        database.inTransaction(handle -> {
            Team team = require(handle, teamName);
            Principal principal = principals.require(handle, principalName);
            if (teams.addMember(handle, team.rowId(), principal.rowId(), Times.truncate(clock.instant()))) {
                teams.updateEmptiedAt(handle, team.rowId(), Times.truncate(clock.instant()));
                audit.append(handle, caller, AuditEvent.created(AuditLog.ADMIN_CHAIN, "team.member_added",
                        "team:" + teamName, new TeamMembership(principalName)));
            }
            return null;
        });
    }

    public void removeMember(Caller caller, String teamName, String principalName) {
        database.inTransaction(handle -> {
            Team team = require(handle, teamName);
            Principal principal = principals.require(handle, principalName);
            if (teams.removeMember(handle, team.rowId(), principal.rowId())) {
                teams.updateEmptiedAt(handle, team.rowId(), Times.truncate(clock.instant()));
                audit.append(handle, caller, AuditEvent.removed(AuditLog.ADMIN_CHAIN, "team.member_removed",
                        "team:" + teamName, new TeamMembership(principalName)));
            }
            return null;
        });
    }

    /** The team named {@code name}, in the caller's transaction. */
    public Optional<Team> find(Handle handle, String name) {
        return teams.findByName(handle, name);
    }

    /** Whether the principal belongs to the team, in the caller's transaction. */
    public boolean isMember(Handle handle, long teamRowId, long principalRowId) {
        return teams.isMember(handle, teamRowId, principalRowId);
    }

    private Team require(Handle handle, String name) {
        return teams.findByName(handle, name).orElseThrow(() -> RegistryException.notFound("team " + name));
    }
}
