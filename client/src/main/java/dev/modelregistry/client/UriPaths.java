package dev.modelregistry.client;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/** Percent-encoding of path segments and query parameters built from caller-supplied names. */
final class UriPaths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriPaths() {
    }

    /**
     * Encodes one path segment. Everything but RFC 3986 unreserved characters and {@code @} (which every
     * model_id contains) is escaped, so a name can never add a segment, a query or a {@code :verb} suffix.
     */
    static String segment(String value) {
        if (value == null || value.isEmpty() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("not a usable path segment: '" + value + "'");
        }
        return encode(value, true);
    }

    /**
     * Encodes an artifact path: each {@code /}-separated segment as by {@link #segment}, the separators kept. Empty,
     * {@code .} and {@code ..} segments are refused, so the path can only name something below the version.
     */
    static String segments(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("not a usable artifact path: '" + path + "'");
        }
        StringJoiner joined = new StringJoiner("/");
        // -1: keep trailing empty strings, so "a/" is refused rather than read as "a".
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a usable artifact path: '" + path + "'");
            }
            joined.add(encode(segment, true));
        }
        return joined.toString();
    }

    /** Query parameters from name-value pairs, in order; a null value leaves its parameter out. */
    static Map<String, String> params(Object... namesAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            parameters.put((String) namesAndValues[i], Objects.toString(namesAndValues[i + 1], null));
        }
        return parameters;
    }

    static String query(Map<String, String> parameters) {
        return query(List.copyOf(parameters.entrySet()));
    }

    /** The same for parameters that may repeat (a search's labels), in the order given; null values are left out. */
    static String query(List<Map.Entry<String, String>> parameters) {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        for (Map.Entry<String, String> parameter : parameters) {
            if (parameter.getValue() != null) {
                joined.add(encode(parameter.getKey(), false) + "=" + encode(parameter.getValue(), false));
            }
        }
        return joined.toString();
    }

    private static String encode(String value, boolean keepAt) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c) || (keepAt && c == '@')) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
