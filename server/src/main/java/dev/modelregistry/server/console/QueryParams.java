package dev.modelregistry.server.console;

import dev.modelregistry.core.error.RegistryException;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.regex.Pattern;

/** The query parameters of the console's search forms, checked once: nothing a form field could not have sent. */
final class QueryParams {
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private QueryParams() {
    }

    /** A query parameter, trimmed, empty when absent; at most 200 characters, none of them control characters. */
    static String text(Context ctx, String name) {
        String value = Optional.ofNullable(ctx.queryParam(name)).orElse("").trim();
        if (value.length() > 200 || CONTROL.matcher(value).find()) {
            throw RegistryException.invalid(name, "must be at most 200 printable characters");
        }
        return value;
    }
}
