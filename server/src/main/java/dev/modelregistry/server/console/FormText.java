package dev.modelregistry.server.console;

import dev.modelregistry.core.error.RegistryException;
import io.javalin.http.Context;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** The fields of a console page's query string, checked as the pages read them: text and whole numbers. */
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

    /** A whole-number query parameter of at least {@code min}; empty when absent or blank, 400 when it is not one. */
    static OptionalLong number(Context ctx, String name, long min, String what) {
        String text = of(ctx, name);
        if (text.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min) {
                return OptionalLong.of(value);
            }
        } catch (NumberFormatException e) {
            // refused below like any other value out of range
        }
        throw RegistryException.invalid(name, "must be " + what);
    }
}
