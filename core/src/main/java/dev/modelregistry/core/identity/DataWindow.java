package dev.modelregistry.core.identity;

import dev.modelregistry.core.error.RegistryException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The training data window: two ISO-8601 dates or RFC 3339 timestamps, start <= end.
 * The strings are kept exactly as sent because they are hashed into the lineage.
 */
public record DataWindow(String start, String end) {
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$");

    public DataWindow {
        Instant from = parse("data_window[0]", start);
        Instant to = parse("data_window[1]", end);
        if (from.isAfter(to)) {
            throw RegistryException.invalid("data_window", "start must not be after end");
        }
    }

    /** A date counts from the start of its UTC day; a timestamp is taken with its offset. */
    static Instant parse(String field, String value) {
        try {
            if (value != null && DATE.matcher(value).matches()) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (value != null && TIMESTAMP.matcher(value).matches()) {
                return OffsetDateTime.parse(value).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw RegistryException.invalid(field, "is not a real date or time: " + e.getParsedString());
        }
        throw RegistryException.invalid(field, "must be an ISO-8601 date (YYYY-MM-DD) or an RFC 3339 timestamp with offset");
    }
}
