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
    NOT_TEAM_MEMBER(403, "not-team-member", "Only members of the owning team (or an admin) may do this"),
    NOT_FOUND(404, "not-found", "No such resource"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed on this resource"),
    ALREADY_EXISTS(409, "already-exists", "A resource with this name already exists"),
    OWNER_MISMATCH(409, "owner-mismatch", "The owner named is not the model's owning team"),
    VERSION_SEALED(409, "version-sealed", "The version is sealed; its artifacts can no longer change"),
    IDEMPOTENCY_KEY_IN_USE(409, "idempotency-key-in-use", "A request with this Idempotency-Key is still being processed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is larger than the server accepts"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body must be application/json"),
    RANGE_NOT_SATISFIABLE(416, "range-not-satisfiable", "The requested range lies outside the artifact"),
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
