package dev.modelregistry.server.artifact;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashes and counts what passes through, and refuses to read past a size limit. Shared by every store. */
final class HashingInput extends FilterInputStream {
    private final MessageDigest sha256;
    private final long maxBytes;
    private long count;

    HashingInput(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            count += n;
            if (count > maxBytes) {
                throw new BlobTooLargeException(maxBytes);
            }
            sha256.update(buffer, offset, n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping would leave bytes unhashed");
    }

    long count() {
        return count;
    }

    /** The digest of everything read; call once, after the end of the stream. */
    String hexDigest() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    static void checkExpected(java.util.Optional<String> expected, String actual) throws BlobDigestMismatchException {
        if (expected.isPresent() && !expected.get().equals(actual)) {
            throw new BlobDigestMismatchException(expected.get(), actual);
        }
    }
}
