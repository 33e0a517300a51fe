package dev.modelregistry.server.console;

import dev.modelregistry.core.error.RegistryException;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.regex.Pattern;

/** A text field of a console search form, as the query string carries it. */
final class FormText {
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private FormText() {
    }

    /** The query parameter, trimmed, empty when absent; at most 200 characters, none of them control characters. */
    static String of(Context ctx, String name) {
        String value = Optional.ofNullable(ctx.queryParam(name)).orElse("").trim();
        if (value.length() > 200 || CONTROL.matcher(value).find()) {
            throw RegistryException.invalid(name, "must be at most 200 printable characters");
        }
        return value;
    }
}
