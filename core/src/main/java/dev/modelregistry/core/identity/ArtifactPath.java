package dev.modelregistry.core.identity;

import dev.modelregistry.core.error.RegistryException;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Where an artifact sits inside its version: relative, segments of {@code [A-Za-z0-9._-]} joined by '/', no '.' or
 * '..' segment, no empty segment, at most 255 bytes. Checked on the decoded path, so no encoding can smuggle a
 * traversal past it; a valid path can never name anything outside its version.
 */
public record ArtifactPath(String value) implements Comparable<ArtifactPath> {
    private static final Pattern SEGMENT = Pattern.compile("^[A-Za-z0-9._-]+$");
    public static final int MAX_BYTES = 255;

    public ArtifactPath {
        if (value == null || value.isEmpty()) {
            throw RegistryException.invalid("path", "an artifact path is required");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw RegistryException.invalid("path", "must be at most " + MAX_BYTES + " bytes");
        }
        for (String segment : value.split("/", -1)) {
            if (segment.isEmpty()) {
                throw RegistryException.invalid("path", "must be relative, without empty segments");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw RegistryException.invalid("path", "must not contain '.' or '..' segments");
            }
            if (!SEGMENT.matcher(segment).matches()) {
                throw RegistryException.invalid("path", "segments may only contain A-Z a-z 0-9 . _ -");
            }
        }
    }

    @Override
    public int compareTo(ArtifactPath other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
