package dev.modelregistry.server.db;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Timestamps as the registry stores and prints them: UTC, microsecond precision (what PostgreSQL keeps),
 * always six fractional digits so that the text form sorts like the instant and hashes the same after a round trip.
 */
public final class Times {
    private static final Pattern RFC3339 = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})$");
    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static String format(Instant instant) {
        return instant == null ? null : TEXT.format(instant);
    }

    public static Instant parse(String text) {
        return text == null ? null : Instant.parse(text);
    }

    /**
     * An RFC 3339 timestamp as callers send one (seconds required, any fraction, {@code Z} or an offset, either
     * case of {@code T} and {@code Z}); empty for anything else.
     */
    public static Optional<Instant> rfc3339(String text) {
        if (text == null || !RFC3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
