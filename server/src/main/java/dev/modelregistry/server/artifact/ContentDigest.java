package dev.modelregistry.server.artifact;

import dev.modelregistry.core.error.RegistryException;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 9530 digest fields: reads the {@code sha-256} member of a {@code Content-Digest} header and writes
 * {@code Repr-Digest}. Other algorithms in the header are ignored, as the RFC allows.
 */
public final class ContentDigest {
    private static final Pattern SHA256_MEMBER = Pattern.compile("(?:^|,)\\s*sha-256\\s*=\\s*:([A-Za-z0-9+/=]*):\\s*(?:,|$)");

    private ContentDigest() {
    }

    /** The announced SHA-256 as lower-case hex, if the header carries one. */
    public static Optional<String> sha256Hex(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Matcher m = SHA256_MEMBER.matcher(header);
        if (!m.find()) {
            if (header.toLowerCase(java.util.Locale.ROOT).contains("sha-256")) {
                throw RegistryException.invalid("Content-Digest", "must be sha-256=:<base64 of 32 bytes>:");
            }
            return Optional.empty();
        }
        byte[] digest;
        try {
            digest = Base64.getDecoder().decode(m.group(1));
        } catch (IllegalArgumentException e) {
            throw RegistryException.invalid("Content-Digest", "the sha-256 value is not base64");
        }
        if (digest.length != 32) {
            throw RegistryException.invalid("Content-Digest", "the sha-256 value must be 32 bytes");
        }
        return Optional.of(HexFormat.of().formatHex(digest));
    }

    /** {@code sha-256=:<base64>:} for a lower-case hex digest. */
    public static String header(String sha256Hex) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex)) + ":";
    }
}
