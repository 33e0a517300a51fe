package dev.modelregistry.client;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
import dev.modelregistry.core.error.RegistryException;

import java.util.List;

/**
 * A non-2xx answer from the registry, rethrown as the typed {@link RegistryException}. It also keeps what the
 * enum alone cannot: the HTTP status actually received (the code falls back to {@link ErrorCode#INTERNAL} for
 * unknown problem types and non-problem bodies), the problem title and type as sent, and the request id.
 */
public class ProblemException extends RegistryException {
    private final int status;
    private final String type;
    private final String title;
    private final String requestId;

    public ProblemException(ErrorCode code, int status, String type, String title, String detail,
                            List<FieldError> errors, String requestId) {
        super(code, detail, errors);
        this.status = status;
        this.type = type;
        this.title = title;
        this.requestId = requestId;
    }

    /** The HTTP status of the response. */
    public int status() {
        return status;
    }

    /** The problem {@code type} as sent, or null when the body was not a problem document. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** The {@code X-Request-Id} of the failed request, for matching server logs; null when absent. */
    public String requestId() {
        return requestId;
    }

    public boolean isClientError() {
        return status >= 400 && status < 500;
    }
}
