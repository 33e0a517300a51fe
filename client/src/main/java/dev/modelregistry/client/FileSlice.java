package dev.modelregistry.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A byte range of a file as a request body: streamed from disk with a fixed {@code Content-Length}, counting what the
 * HTTP client has taken, as progress through the whole file ({@code before} bytes of it were sent earlier).
 */
final class FileSlice {
    private final Path file;
    private final long offset;
    private final long length;
    private final long before;
    private final long total;
    private final ProgressListener progress;

    FileSlice(Path file, long offset, long length, long before, long total, ProgressListener progress) {
        this.file = file;
        this.offset = offset;
        this.length = length;
        this.before = before;
        this.total = total;
        this.progress = progress;
    }

    BodyPublisher publisher() {
        // The supplier runs once per attempt, so a retried request starts again from the first byte of the range.
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(this::open), length);
    }

    private InputStream open() {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(offset);
            return new Counting(Channels.newInputStream(channel));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Counts, and stops at the end of the range. */
    private final class Counting extends FilterInputStream {
        private long sent;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            if (sent >= length) {
                return -1;
            }
            int n = in.read(buffer, off, (int) Math.min(len, length - sent));
            if (n > 0) {
                sent += n;
                progress.progressed(before + sent, total);
            }
            return n;
        }
    }
}
