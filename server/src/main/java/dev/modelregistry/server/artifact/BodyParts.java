package dev.modelregistry.server.artifact;

import java.io.IOException;
import java.io.InputStream;

/**
 * Cuts a body into multipart-upload parts, one reused buffer at a time, and knows which part is the last (it reads
 * one byte ahead), so a body that fits in one part never starts a multipart upload.
 *
 * <p>Part sizes double every {@link #PARTS_PER_SIZE} parts: 8 MiB parts carry 16 GB before the first doubling and
 * S3's 10,000-part limit is only reached near 500 GB, while the buffer (the memory one upload holds) stays at the
 * first size for every ordinary artifact.
 */
final class BodyParts {
    static final int MAX_PARTS = 10_000;
    static final int PARTS_PER_SIZE = 2_000;
    private static final int LARGEST_PART = 1 << 30;

    private final InputStream in;
    private final int firstPartSize;
    private byte[] buffer = new byte[0];
    private int length;
    private int number;
    private int readAhead = -1;
    private boolean last;

    BodyParts(InputStream in, int firstPartSize) {
        this.in = in;
        this.firstPartSize = firstPartSize;
    }

    /**
     * Reads the next part into the buffer. The first call always yields a part (possibly empty); later calls
     * return false once the last part has been read.
     */
    boolean next() throws IOException {
        if (last) {
            return false;
        }
        if (number == MAX_PARTS) {
            throw new IOException("the body needs more than " + MAX_PARTS + " parts");
        }
        int size = partSize(number + 1);
        if (buffer.length < size) {
            buffer = null; // let the smaller buffer go before taking the bigger one
            buffer = new byte[size];
        }
        int filled = 0;
        if (readAhead >= 0) {
            buffer[filled++] = (byte) readAhead;
            readAhead = -1;
        }
        while (filled < size) {
            int n = in.read(buffer, filled, size - filled);
            if (n < 0) {
                last = true;
                break;
            }
            filled += n;
        }
        if (!last) {
            readAhead = in.read();
            last = readAhead < 0;
        }
        length = filled;
        number++;
        return true;
    }

    int partSize(int partNumber) {
        long size = (long) firstPartSize << ((partNumber - 1) / PARTS_PER_SIZE);
        return (int) Math.min(size, LARGEST_PART);
    }

    /** The current part's bytes are {@code buffer()[0 .. length())}; valid until the next call to {@link #next}. */
    byte[] buffer() {
        return buffer;
    }

    int length() {
        return length;
    }

    /** The current part's number, from 1. */
    int number() {
        return number;
    }

    /** Whether the current part is the body's last. */
    boolean isLast() {
        return last;
    }
}
