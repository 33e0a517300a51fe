package dev.modelregistry.server.lineage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads NDJSON lines from a byte stream without ever holding more than one line, and never a line longer than
 * the limit: the rest of an overlong line is skipped and the line reported as too long.
 */
final class BoundedLineReader {
    /** One line: its text, or null with {@code tooLong}/{@code badEncoding} set. */
    record Line(String text, boolean tooLong, boolean badEncoding) {
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    BoundedLineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its terminator, or null at the end of the stream. */
    Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean tooLong = false;
        boolean sawAnything = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return sawAnything ? finish(line, tooLong) : null;
                }
            }
            sawAnything = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int length = position - start;
            if (!tooLong && line.size() + length > maxBytes) {
                tooLong = true;
            }
            if (!tooLong) {
                line.write(buffer, start, length);
            }
            if (position < limit) {
                position++;
                return finish(line, tooLong);
            }
        }
    }

    private static Line finish(ByteArrayOutputStream bytes, boolean tooLong) {
        if (tooLong) {
            return new Line(null, true, false);
        }
        byte[] raw = bytes.toByteArray();
        int end = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw, 0, end)).toString();
            return new Line(text, false, false);
        } catch (CharacterCodingException e) {
            return new Line(null, false, true);
        }
    }
}
