package dev.modelregistry.server.artifact;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One byte range of an RFC 9110 {@code Range: bytes=} header, resolved against the artifact's size. Several
 * ranges in one header are answered with the whole artifact (200), which the RFC permits.
 */
public record ByteRange(long first, long last) {
    private static final Pattern SINGLE = Pattern.compile("^bytes=(\\d{0,19})-(\\d{0,19})$");

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** Empty when there is no Range header or it is one we answer with the whole artifact. */
    public static Optional<ByteRange> parse(String header, long size) {
        if (header == null || header.isBlank() || header.contains(",")) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            // A Range we do not understand is ignored (RFC 9110 §14.2): the client gets the whole artifact.
            return Optional.empty();
        }
        if (m.group(1).isEmpty()) {
            long suffix = position(m.group(2));
            if (suffix == 0 || size == 0) {
                throw unsatisfiable(size);
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = position(m.group(1));
        long last = m.group(2).isEmpty() ? size - 1 : Math.min(position(m.group(2)), size - 1);
        if (first >= size || last < first) {
            throw unsatisfiable(size);
        }
        return Optional.of(new ByteRange(first, last));
    }

    /** A position of up to 19 digits; one past {@code Long.MAX_VALUE} is beyond any artifact, like the maximum. */
    private static long position(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static RegistryException unsatisfiable(long size) {
        return new RegistryException(ErrorCode.RANGE_NOT_SATISFIABLE, "the artifact has " + size + " bytes");
    }
}
