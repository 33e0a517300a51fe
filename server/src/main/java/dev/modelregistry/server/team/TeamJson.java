package dev.modelregistry.server.team;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.server.json.Json;

/** The API's JSON of teams (audit details use the same shapes). */
public final class TeamJson {
    private TeamJson() {
    }

    public static ObjectNode team(Team team) {
        ObjectNode json = Json.object().put("name", team.name());
        ArrayNode memberNames = json.putArray("members");
        team.members().forEach(memberNames::add);
        return Json.putTime(json, "created_at", team.createdAt());
    }

    public static ObjectNode membership(TeamMembership membership) {
        return Json.object().put("member", membership.member());
    }
}
