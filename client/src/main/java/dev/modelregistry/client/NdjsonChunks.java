package dev.modelregistry.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cuts an NDJSON file into consecutive runs of whole lines, each small enough to be one ingest request: at most
 * {@link #MAX_LINES} lines, ending at the first line end at or past {@link #MAX_BYTES}. A line is never cut. Only
 * positions are kept; the bytes are read again from disk when a run is sent, so nothing of the file is held in memory.
 *
 * <p>Why not one request for the whole file: the registry answers each committed batch while the request is still
 * arriving, and stops reading when nobody reads its answers. The JDK HttpClient reads an HTTP/1.1 response only once
 * it has sent the whole request body, so a request whose answers outgrow the socket buffers stalls until the server's
 * idle timeout breaks it. A run of at most one server batch (5,000 lines) is answered only after it has been read
 * whole, so it can never stall, whatever the buffers.
 */
final class NdjsonChunks implements AutoCloseable {
    static final int MAX_LINES = 5_000;
    static final long MAX_BYTES = 8L * 1024 * 1024;

    /** Bytes {@code offset..offset+length-1} of the file: lines {@code firstLine..firstLine+lines-1} (1-based). */
    record Chunk(long offset, long length, long firstLine, long lines) {
    }

    private final InputStream in;
    private final long maxBytes;
    private final int maxLines;
    private final byte[] buffer = new byte[64 * 1024];
    private int bufferPosition;
    private int bufferLimit;
    private long position;
    private long nextLine = 1;

    NdjsonChunks(Path file) {
        this(file, MAX_LINES, MAX_BYTES);
    }

    NdjsonChunks(Path file, int maxLines, long maxBytes) {
        try {
            this.in = Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /** The next run of lines, or null at the end of the file. */
    Chunk next() {
        long start = position;
        long lines = 0;
        boolean inLine = false;
        while (lines < maxLines && (position - start < maxBytes || inLine)) {
            if (bufferPosition == bufferLimit && !fill()) {
                break;
            }
            byte b = buffer[bufferPosition++];
            position++;
            if (b == '\n') {
                lines++;
                inLine = false;
            } else {
                inLine = true;
            }
        }
        if (inLine) {
            // The file's last line has no newline: it is a line all the same.
            lines++;
        }
        if (position == start) {
            return null;
        }
        Chunk chunk = new Chunk(start, position - start, nextLine, lines);
        nextLine += lines;
        return chunk;
    }

    private boolean fill() {
        try {
            int n = in.read(buffer, 0, buffer.length);
            bufferPosition = 0;
            bufferLimit = Math.max(n, 0);
            return n > 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the NDJSON file: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Only read from; nothing to lose.
        }
    }
}
