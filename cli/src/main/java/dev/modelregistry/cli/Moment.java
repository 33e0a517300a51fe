package dev.modelregistry.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** A {@code --at} value: an RFC 3339 timestamp with its offset, e.g. 2026-05-15T14:30:00Z or ...T16:30:00+02:00. */
final class Moment implements ITypeConverter<Instant> {
    @Override
    public Instant convert(String text) {
        try {
            return OffsetDateTime.parse(text.toUpperCase(Locale.ROOT)).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + text + "' is not an RFC 3339 timestamp with an offset, such as "
                    + "2026-05-15T14:30:00Z");
        }
    }
}
