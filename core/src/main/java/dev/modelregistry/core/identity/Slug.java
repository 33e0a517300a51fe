package dev.modelregistry.core.identity;

import dev.modelregistry.core.error.RegistryException;

import java.util.regex.Pattern;

/** The naming rule shared by models, principals, teams and evaluators: a lower-case slug of 1–63 characters. */
public final class Slug {
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,62}$");

    private Slug() {
    }

    public static boolean isValid(String value) {
        return value != null && SLUG.matcher(value).matches();
    }

    /** Returns the value, or throws a validation error naming {@code field}. */
    public static String require(String field, String value) {
        if (!isValid(value)) {
            throw RegistryException.invalid(field,
                    "must match ^[a-z0-9][a-z0-9._-]{0,62}$ (lower-case letters, digits, '.', '_', '-'; at most 63)");
        }
        return value;
    }
}
