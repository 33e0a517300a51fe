package dev.modelregistry.server.console;

import java.time.Instant;

/** A web console session as the audit log records it: whose it is, when it began and when it ends at the latest. */
public record ConsoleSession(String principal, Instant createdAt, Instant expiresAt) {
}
