package dev.modelregistry.server.model;

import dev.modelregistry.core.error.RegistryException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A model's own thresholds; an empty one falls back to the global default. */
public record DeprecationPolicy(Optional<Duration> warnAfter, Optional<Duration> expireAfter,
                                Optional<Duration> orphanAfter) {
    /** A century: longer thresholds mean nothing, and beyond about 292 million years milliseconds overflow. */
    static final Duration LONGEST = Duration.ofDays(36_500);

    /** Parses an ISO-8601 duration such as {@code P90D}; the field name goes into the error. */
    public static Optional<Duration> duration(String field, String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            Duration duration = Duration.parse(text);
            if (duration.isNegative() || duration.isZero()) {
                throw RegistryException.invalid(field, "must be a positive duration");
            }
            if (duration.compareTo(LONGEST) > 0) {
                throw RegistryException.invalid(field, "must be at most " + LONGEST.toDays() + " days (P36500D)");
            }
            return Optional.of(duration);
        } catch (DateTimeParseException e) {
            throw RegistryException.invalid(field, "must be an ISO-8601 duration such as P90D");
        }
    }
}
