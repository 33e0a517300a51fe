package dev.modelregistry.server.acl;

/** The audit detail of an ACL change: the principal added to or removed from the approvers. */
public record AclChange(String approver) {
}
