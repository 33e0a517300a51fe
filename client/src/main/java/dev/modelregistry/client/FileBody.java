package dev.modelregistry.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file as a request body: streamed from disk (never held in memory), with a fixed {@code Content-Length},
 * counting what the HTTP client has taken for progress, and noticing a file that shrank while being sent.
 */
final class FileBody {
    private final Path file;
    private final long size;
    private final ProgressListener progress;
    private volatile boolean endedEarly;

    FileBody(Path file, ProgressListener progress) {
        this.file = file;
        this.progress = progress;
        try {
            this.size = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    long size() {
        return size;
    }

    BodyPublisher publisher() {
        // The supplier runs once per attempt, so a retried request starts again from the first byte.
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(this::open), size);
    }

    /** True when the file had fewer bytes than {@link #size()} when it was read: it changed under us. */
    boolean endedEarly() {
        return endedEarly;
    }

    private InputStream open() {
        try {
            return new Counting(Files.newInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Counts, and stops at the size announced in Content-Length even if the file has grown since. */
    private final class Counting extends FilterInputStream {
        private long sent;

        Counting(InputStream in) {
            super(in);
            progress.progressed(0, size);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (sent >= size) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, size - sent));
            if (n < 0) {
                endedEarly = true;
                return n;
            }
            sent += n;
            progress.progressed(sent, size);
            return n;
        }
    }
}
