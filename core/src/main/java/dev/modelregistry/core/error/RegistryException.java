package dev.modelregistry.core.error;

import java.util.List;

/** A refusal with an {@link ErrorCode}; the server renders it as problem+json, the client rethrows it. */
public class RegistryException extends RuntimeException {
    private final ErrorCode code;
    private final List<FieldError> errors;

    public RegistryException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public RegistryException(ErrorCode code, String detail, List<FieldError> errors) {
        super(detail);
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    /** A refusal caused by a lower-level failure (kept for the server's log, never shown to the client). */
    public RegistryException(ErrorCode code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.errors = List.of();
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static RegistryException invalid(String field, String message) {
        return new RegistryException(ErrorCode.VALIDATION_FAILED, field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    public static RegistryException notFound(String what) {
        return new RegistryException(ErrorCode.NOT_FOUND, what + " does not exist");
    }
}
