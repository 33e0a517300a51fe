package dev.modelregistry.core.error;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every error the registry can answer with: its HTTP status and its RFC 9457 problem {@code type}.
 * Shared by server, client and CLI so that a client can rethrow a typed error.
 */
public enum ErrorCode {
    MALFORMED_REQUEST(400, "malformed-request", "The request body is not valid JSON of the expected shape"),
    VALIDATION_FAILED(400, "validation-failed", "One or more fields are invalid"),
    DIGEST_MISMATCH(400, "digest-mismatch", "The content does not match the digest that was sent with it"),
    UNAUTHENTICATED(401, "unauthenticated", "A valid bearer token is required"),
    ADMIN_REQUIRED(403, "admin-required", "Only an admin may do this"),
    ROLE_REQUIRED(403, "role-required", "Only principals an admin granted the role this route needs (or an admin) may do this"),
    NOT_TEAM_MEMBER(403, "not-team-member", "Only members of the owning team (or an admin) may do this"),
    NOT_APPROVER(403, "not-approver", "Only principals in the approver ACL may promote"),
    APPROVER_MISMATCH(403, "approver-mismatch", "The approver named in the request must be the caller"),
    FOUR_EYES(403, "four-eyes", "The principal who registered a version may not approve it"),
    ORPHAN_NEEDS_ADMIN(403, "orphan-needs-admin", "The model is an orphan; only an admin may change it until it is reassigned"),
    ROLLBACK_FORBIDDEN(403, "rollback-forbidden", "Only approvers and members of the owning team may roll back"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed on this resource"),
    ALREADY_EXISTS(409, "already-exists", "A resource with this name already exists"),
    OWNER_MISMATCH(409, "owner-mismatch", "The owner named is not the model's owning team"),
    VERSION_SEALED(409, "version-sealed", "The version is sealed; its artifacts can no longer change"),
    EVALUATION_MISSING(409, "evaluation-missing", "No verified evaluation report bound to this version's lineage hash"),
    EVALUATION_FAILED(409, "evaluation-failed", "The evaluation report this version is promoted on did not pass"),
    MODEL_ORPHANED(409, "model-orphaned", "The model has no owning team members; an admin must reassign it"),
    MODEL_EXPIRED(409, "model-expired", "The model is past its expiry; register a new version first"),
    VERSION_NOT_SEALED(409, "version-not-sealed", "The version must be sealed before promotion"),
    ENSEMBLE_CHILD_REJECTED(409, "ensemble-child-rejected", "An ensemble child is missing or rejected"),
    NO_PRODUCTION(409, "no-production", "A canary needs a production version to split traffic with"),
    CANARY_RUNNING(409, "canary-running", "Another canary is running for this model"),
    INVALID_TRANSITION(409, "invalid-transition", "The version's state does not allow this change"),
    NOTHING_TO_ROLL_BACK(409, "nothing-to-roll-back", "There is no earlier production version to restore"),
    IDEMPOTENCY_KEY_IN_USE(409, "idempotency-key-in-use", "A request with this Idempotency-Key is still being processed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is larger than the server accepts"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body must be application/json"),
    RANGE_NOT_SATISFIABLE(416, "range-not-satisfiable", "The requested range lies outside the artifact"),
    SIGNATURE_INVALID(422, "signature-invalid", "No signature of the envelope verifies over the DSSE PAE with an active key"),
    EVALUATION_KEY_UNKNOWN(422, "evaluation-key-unknown", "The envelope names no registered evaluator key"),
    EVALUATION_KEY_REVOKED(422, "evaluation-key-revoked", "The evaluator key that signed the envelope is revoked"),
    PAYLOAD_TYPE_INVALID(422, "payload-type-invalid", "The envelope's payloadType must be application/vnd.in-toto+json"),
    STATEMENT_INVALID(422, "statement-invalid", "The payload is not an in-toto Statement v1 evaluation report"),
    SUBJECT_MISMATCH(422, "subject-mismatch", "The report's subject is not a registered version with that lineage hash"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency-key-reused", "The Idempotency-Key was already used with another request"),
    UNAVAILABLE(503, "unavailable", "A backing service is unavailable; retry later"),
    INTERNAL(500, "internal", "Internal server error");

    private static final String TYPE_PREFIX = "urn:model-registry:problem:";

    private final int status;
    private final String slug;
    private final String title;

    ErrorCode(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem {@code type} URI, distinct per code. */
    public String type() {
        return TYPE_PREFIX + slug;
    }

    public static Optional<ErrorCode> fromType(String type) {
        return Arrays.stream(values()).filter(code -> code.type().equals(type)).findFirst();
    }
}
