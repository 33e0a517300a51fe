package dev.modelregistry.server.team;

/** The audit detail of a membership change: the principal that joined or left the team. */
public record TeamMembership(String member) {
}
