package dev.modelregistry.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SHA-256 as artifacts use it: of whole files, read in a streaming way, and in the RFC 9530 field form
 * {@code sha-256=:<base64>:} of the {@code Content-Digest} and {@code Repr-Digest} headers.
 */
public final class Sha256 {
    /** Large reads keep a multi-GiB hash disk-bound rather than call-bound. */
    static final int BUFFER_BYTES = 8 * 1024 * 1024;
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    // One member of an RFC 8941 dictionary: sha-256=:<base64>: with optional parameters we do not use.
    private static final Pattern SHA_256_MEMBER = Pattern.compile("^\\s*sha-256\\s*=\\s*:([A-Za-z0-9+/=]*):\\s*(;.*)?$");

    private Sha256() {
    }

    /** The lower-case hex SHA-256 of a file's content. */
    public static String ofFile(Path file) {
        return ofFile(file, ProgressListener.NONE);
    }

    /** The lower-case hex SHA-256 of a file's content, telling {@code progress} how many bytes were read. */
    public static String ofFile(Path file, ProgressListener progress) {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            long total = Files.size(file);
            byte[] buffer = new byte[BUFFER_BYTES];
            long done = 0;
            progress.progressed(0, total);
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
                done += n;
                progress.progressed(done, total);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@code sha-256=:<base64 of the 32 raw bytes>:}, the value of a {@code Content-Digest} header. */
    public static String digestField(String sha256Hex) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(requireHex(sha256Hex))) + ":";
    }

    /**
     * The hex SHA-256 in a {@code Repr-Digest} or {@code Content-Digest} value; empty when the field names no
     * sha-256 (other algorithms only). A sha-256 member that is not 32 bytes of base64 is an error, not absence.
     */
    public static Optional<String> fromDigestField(String fieldValue) {
        if (fieldValue == null) {
            return Optional.empty();
        }
        // Splitting on commas is safe: base64 and the ':' delimiters never contain one.
        for (String member : fieldValue.split(",")) {
            Matcher m = SHA_256_MEMBER.matcher(member);
            if (m.matches()) {
                byte[] raw;
                try {
                    raw = Base64.getDecoder().decode(m.group(1));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("sha-256 digest is not base64: " + member.strip());
                }
                if (raw.length != 32) {
                    throw new IllegalArgumentException("sha-256 digest has " + raw.length + " bytes, not 32");
                }
                return Optional.of(HexFormat.of().formatHex(raw));
            }
        }
        return Optional.empty();
    }

    /** The value, if it is 64 lower-case hex characters. */
    public static String requireHex(String sha256Hex) {
        if (sha256Hex == null || !HEX.matcher(sha256Hex).matches()) {
            throw new IllegalArgumentException("not a SHA-256 in lower-case hex: '" + sha256Hex + "'");
        }
        return sha256Hex;
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
