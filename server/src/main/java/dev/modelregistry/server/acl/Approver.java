package dev.modelregistry.server.acl;

import java.time.Instant;

/** A principal in the approver ACL: may promote versions it did not register. */
public record Approver(String principal, Instant addedAt) {
}
