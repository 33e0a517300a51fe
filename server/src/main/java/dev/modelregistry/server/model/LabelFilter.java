package dev.modelregistry.server.model;

import dev.modelregistry.core.error.RegistryException;

import java.util.Optional;
import java.util.regex.Pattern;

/** A label a version must carry: its key, and the value it must have (any value when absent). */
public record LabelFilter(String key, Optional<String> value) {
    /**
     * What a label key may be; registration refuses any other. It has no ':' nor '=', so a filter written
     * {@code key:value} splits unambiguously at the first separator, and the value may contain anything.
     */
    static final Pattern KEY = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._/-]{0,62}$");
    static final String KEY_RULE = "label keys are 1–63 of [A-Za-z0-9._/-], starting with a letter or digit";
    static final int MAX_VALUE_LENGTH = 256;

    /** {@code key} (any value) or {@code key:value}, split at the first ':'; a 400 on {@code field} otherwise. */
    public static LabelFilter parse(String field, String text) {
        int colon = text.indexOf(':');
        String key = colon < 0 ? text : text.substring(0, colon);
        if (!KEY.matcher(key).matches()) {
            throw RegistryException.invalid(field, "must be key or key:value; " + KEY_RULE);
        }
        Optional<String> value = colon < 0 ? Optional.empty() : Optional.of(text.substring(colon + 1));
        if (value.isPresent() && value.get().length() > MAX_VALUE_LENGTH) {
            throw RegistryException.invalid(field, "label values are at most " + MAX_VALUE_LENGTH + " characters");
        }
        return new LabelFilter(key, value);
    }
}
