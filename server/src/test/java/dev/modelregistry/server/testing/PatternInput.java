package dev.modelregistry.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A reproducible byte pattern of a given size, generated on the fly (a large upload body without holding it), that
 * calls {@code atPause} before every read once {@code pauseAt} bytes were read: a fault test kills a server there,
 * with the upload still in flight.
 */
public final class PatternInput extends InputStream {
    private final long size;
    private final long pauseAt;
    private final Runnable atPause;
    private long position;

    public PatternInput(long size, long pauseAt, Runnable atPause) {
        this.size = size;
        this.pauseAt = pauseAt;
        this.atPause = atPause;
    }

    /** The whole pattern, without a pause. */
    public PatternInput(long size) {
        this(size, Long.MAX_VALUE, () -> { });
    }

    /** The SHA-256 of the first {@code size} bytes of the pattern. */
    public static String sha256(long size) {
        try (InputStream in = new PatternInput(size)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (position >= size) {
            return -1;
        }
        if (position >= pauseAt) {
            atPause.run();
        }
        int n = (int) Math.min(length, size - position);
        for (int i = 0; i < n; i++) {
            long p = position + i;
            buffer[offset + i] = (byte) (p * 31 + (p >>> 11));
        }
        position += n;
        return n;
    }
}
