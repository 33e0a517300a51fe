package dev.modelregistry.server.console;

import dev.modelregistry.core.error.RegistryException;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.regex.Pattern;

/** The parameters of the console's forms, checked once: nothing a one-line form field could not have sent. */
final class QueryParams {
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private QueryParams() {
    }

    /** A query parameter, trimmed, empty when absent; at most 200 characters, none of them control characters. */
    static String text(Context ctx, String name) {
        return checked(name, ctx.queryParam(name));
    }

    /** A one-line field of a posted form, checked the same way. */
    static String form(Context ctx, String name) {
        return checked(name, ctx.formParam(name));
    }

    private static String checked(String name, String text) {
        String value = Optional.ofNullable(text).orElse("").trim();
        if (value.length() > 200 || CONTROL.matcher(value).find()) {
            throw RegistryException.invalid(name, "must be at most 200 printable characters");
        }
        return value;
    }
}
