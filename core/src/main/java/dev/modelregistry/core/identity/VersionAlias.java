package dev.modelregistry.core.identity;

import dev.modelregistry.core.error.RegistryException;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A name for whichever version of a model holds a role now: {@code xsmom@production}, {@code xsmom@canary}, or
 * {@code xsmom@latest} (the version registered last, whatever its status). The names cannot be mistaken for a
 * model_id, whose part after the {@code @} always starts with a digit.
 */
public record VersionAlias(ModelName model, Kind kind) implements VersionRef {
    private static final Pattern SHAPE = Pattern.compile("^(.+)@(production|canary|latest)$");

    /** What an alias names. */
    public enum Kind {
        /** The version taking the production share now. */
        PRODUCTION,
        /** The version running as the canary now. */
        CANARY,
        /** The most recently registered version. */
        LATEST;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The alias the text spells, empty when it spells none; a bad model name is a validation error. */
    public static Optional<VersionAlias> parse(String text) {
        Matcher m = text == null ? null : SHAPE.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        if (!Slug.isValid(m.group(1))) {
            throw RegistryException.invalid("model_id", "names no valid model before the '@'");
        }
        Kind kind = Kind.valueOf(m.group(2).toUpperCase(Locale.ROOT));
        return Optional.of(new VersionAlias(new ModelName(m.group(1)), kind));
    }

    @Override
    public String toString() {
        return model.value() + "@" + kind.wire();
    }
}
