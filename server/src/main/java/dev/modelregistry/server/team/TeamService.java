package dev.modelregistry.server.team;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.audit.AuditLog;
import dev.modelregistry.server.auth.Caller;
import dev.modelregistry.server.auth.Principal;
import dev.modelregistry.server.auth.PrincipalStore;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;
import dev.modelregistry.server.json.Json;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.util.List;

/** Teams and memberships. Adding an existing member or removing an absent one changes nothing and is not audited. */
public final class TeamService {
    private final Database database;
    private final TeamStore teams;
    private final PrincipalStore principals;
    private final AuditLog audit;
    private final Clock clock;

    public TeamService(Database database, TeamStore teams, PrincipalStore principals, AuditLog audit, Clock clock) {
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
            audit.append(handle, caller, AuditLog.ADMIN_CHAIN, "team.created", "team:" + name, null, team.toJson());
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
            Principal principal = requirePrincipal(handle, principalName);
            if (teams.addMember(handle, team.id(), principal.id(), Times.truncate(clock.instant()))) {
                teams.updateEmptiedAt(handle, team.id(), Times.truncate(clock.instant()));
                audit.append(handle, caller, AuditLog.ADMIN_CHAIN, "team.member_added", "team:" + teamName,
                        null, Json.object().put("member", principalName));
            }
            return null;
        });
    }

    public void removeMember(Caller caller, String teamName, String principalName) {
        database.inTransaction(handle -> {
            Team team = require(handle, teamName);
            Principal principal = requirePrincipal(handle, principalName);
            if (teams.removeMember(handle, team.id(), principal.id())) {
                teams.updateEmptiedAt(handle, team.id(), Times.truncate(clock.instant()));
                audit.append(handle, caller, AuditLog.ADMIN_CHAIN, "team.member_removed", "team:" + teamName,
                        Json.object().put("member", principalName), null);
            }
            return null;
        });
    }

    private Team require(Handle handle, String name) {
        return teams.findByName(handle, name).orElseThrow(() -> RegistryException.notFound("team " + name));
    }

    private Principal requirePrincipal(Handle handle, String name) {
        return principals.findByName(handle, name).orElseThrow(() -> RegistryException.notFound("principal " + name));
    }
}
