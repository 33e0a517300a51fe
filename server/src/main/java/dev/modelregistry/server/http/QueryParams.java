package dev.modelregistry.server.http;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;
import dev.modelregistry.core.error.RegistryException;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The API's query parameters, read one way everywhere: an empty value is the same as no value (what an HTML form or
 * a shell script sends for a field left blank), and a parameter that takes one value must not be given twice. An
 * instance reads several parameters and reports every bad one at once ({@link #throwIfInvalid}).
 */
public final class QueryParams {
    private final Context ctx;
    private final List<FieldError> errors = new ArrayList<>();

    private QueryParams(Context ctx) {
        this.ctx = ctx;
    }

    public static QueryParams of(Context ctx) {
        return new QueryParams(ctx);
    }

    /** The value of a single-valued parameter; given twice (even with the same value) it is a 400 naming it. */
    public static Optional<String> single(Context ctx, String name) {
        List<String> values = repeated(ctx, name);
        if (values.size() > 1) {
            throw RegistryException.invalid(name, "takes one value, given " + values.size() + " times");
        }
        return values.stream().findFirst();
    }

    /** Every non-empty value of a repeatable parameter, in the order given. */
    public static List<String> repeated(Context ctx, String name) {
        return ctx.queryParams(name).stream().filter(v -> !v.isEmpty()).toList();
    }

    /** The single value of {@code name} turned into a {@code T} by {@code parse}, which may refuse it. */
    public <T> Optional<T> single(String name, Function<String, T> parse) {
        try {
            return single(ctx, name).map(parse);
        } catch (RegistryException e) {
            record(e);
            return Optional.empty();
        }
    }

    /** Every value of {@code name}, each turned into a {@code T} by {@code parse}; refused ones are left out. */
    public <T> List<T> repeated(String name, Function<String, T> parse) {
        List<T> parsed = new ArrayList<>();
        for (String value : repeated(ctx, name)) {
            try {
                parsed.add(parse.apply(value));
            } catch (RegistryException e) {
                record(e);
            }
        }
        return parsed;
    }

    /**
     * An RFC 3339 timestamp ({@code 2026-05-15T09:30:00Z}, any offset), or a date alone meaning its midnight UTC.
     */
    public Optional<Instant> time(String name) {
        return single(name, text -> {
            // An unencoded '+' of an offset arrives as a space (form decoding); it can only have meant '+'.
            String time = text.replaceFirst(" (\\d\\d:\\d\\d)$", "+$1");
            try {
                return time.length() == 10 ? LocalDate.parse(time).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException e) {
                throw RegistryException.invalid(name, "must be an RFC 3339 timestamp (2026-05-15T09:30:00Z)"
                        + " or a date (2026-05-15)");
            }
        });
    }

    /** Records a refusal of a parameter found by the caller (e.g. two parameters that contradict each other). */
    public void error(String name, String message) {
        errors.add(new FieldError(name, message));
    }

    /** Throws one 400 listing every refused parameter, if any was. */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new RegistryException(ErrorCode.VALIDATION_FAILED, "invalid query parameters: " + String.join(", ",
                    errors.stream().map(FieldError::field).distinct().toList()), errors);
        }
    }

    private void record(RegistryException e) {
        if (e.code() != ErrorCode.VALIDATION_FAILED || e.errors().isEmpty()) {
            throw e;
        }
        errors.addAll(e.errors());
    }
}
