package dev.modelregistry.server.auth;

/** The audit detail of a role granted to or revoked from a principal. */
public record RoleChange(String principal, String role) {
}
