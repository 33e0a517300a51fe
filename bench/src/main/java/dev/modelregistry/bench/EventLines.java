package dev.modelregistry.bench;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The benchmark's lineage events, generated deterministically from their index and never stored: signal {@code i}
 * is {@code s-<i>}, emitted {@code i} ms after the epoch by model version {@code i mod versions}; fill {@code i} is
 * {@code f-<i>}, the execution of signal {@code i} 3 ms later. The same index always gives the same line, so the
 * HTTP ingest and the raw COPY baseline write the same text, and a query can check what it got back.
 */
final class EventLines {
    /** What a line is: the NDJSON route it goes to and the prefix of its ids. */
    enum Kind {
        SIGNALS("/lineage/signals", "s-"), FILLS("/lineage/fills", "f-");

        final String path;
        final String idPrefix;

        Kind(String path, String idPrefix) {
            this.path = path;
            this.idPrefix = idPrefix;
        }
    }

    static final long FILL_DELAY_MILLIS = 3;

    private final List<String> modelIds;
    private final long epochMillis;

    EventLines(List<String> modelIds, Instant epoch) {
        if (modelIds.isEmpty()) {
            throw new IllegalArgumentException("no model versions");
        }
        this.modelIds = List.copyOf(modelIds);
        this.epochMillis = epoch.toEpochMilli();
    }

    String modelIdOf(long signal) {
        return modelIds.get((int) (signal % modelIds.size()));
    }

    List<String> modelIds() {
        return modelIds;
    }

    /** A fresh appender: it caches the formatted second of the last time it wrote (not shared between threads). */
    Writer writer() {
        return new Writer();
    }

    /** The NDJSON lines {@code from} (inclusive) to {@code to} (exclusive), each ended by a newline, generated as read. */
    InputStream stream(Kind kind, long from, long to) {
        return new GeneratedStream(from, to) {
            @Override
            void append(Writer writer, StringBuilder out, long index) {
                writer.line(kind, out, index);
                out.append('\n');
            }
        };
    }

    /** Appends lines and their fields; keeps the text of the current second so timestamps are cheap to format. */
    final class Writer {
        private long cachedSecond = Long.MIN_VALUE;
        private String cachedPrefix;

        void line(Kind kind, StringBuilder out, long index) {
            if (kind == Kind.SIGNALS) {
                signal(out, index);
            } else {
                fill(out, index);
            }
        }

        void signal(StringBuilder out, long i) {
            out.append("{\"signal_id\":\"s-").append(i)
                    .append("\",\"model_id\":\"").append(modelIdOf(i))
                    .append("\",\"emitted_at\":\"");
            time(out, emittedAtMillis(i));
            out.append("\",\"side\":\"").append((i & 1) == 0 ? "buy" : "sell")
                    .append("\",\"qty\":").append(qty(i))
                    .append(",\"px\":").append(px(i))
                    .append('}');
        }

        void fill(StringBuilder out, long i) {
            out.append("{\"fill_id\":\"f-").append(i)
                    .append("\",\"signal_id\":\"s-").append(i)
                    .append("\",\"executed_at\":\"");
            time(out, executedAtMillis(i));
            out.append("\",\"qty\":").append(qty(i))
                    .append(",\"px\":").append(px(i))
                    .append('}');
        }

        /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, always with milliseconds. */
        void time(StringBuilder out, long epochMilli) {
            long second = Math.floorDiv(epochMilli, 1000);
            int millis = (int) Math.floorMod(epochMilli, 1000);
            if (second != cachedSecond) {
                LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
                cachedPrefix = String.format(java.util.Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d",
                        t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
                cachedSecond = second;
            }
            out.append(cachedPrefix).append('.');
            if (millis < 100) {
                out.append('0');
            }
            if (millis < 10) {
                out.append('0');
            }
            out.append(millis).append('Z');
        }
    }

    long emittedAtMillis(long signal) {
        return epochMillis + signal;
    }

    long executedAtMillis(long fill) {
        return epochMillis + fill + FILL_DELAY_MILLIS;
    }

    private static long qty(long i) {
        return 100 + i % 900;
    }

    /** A price with a short exact decimal form, written as Java (and Jackson) writes that double. */
    private static String px(long i) {
        return Double.toString((10_000 + i % 9_973) / 100.0);
    }

    /**
     * An input stream of generated text, produced a few hundred lines at a time as it is read: memory stays at
     * one small buffer whatever the number of lines. Subclasses append the text of one index.
     */
    abstract class GeneratedStream extends InputStream {
        private final Writer writer = new Writer();
        private final StringBuilder text = new StringBuilder(64 * 1024);
        private final long to;
        private long next;
        private byte[] buffer = new byte[0];
        private int position;

        GeneratedStream(long from, long to) {
            this.next = from;
            this.to = to;
        }

        abstract void append(Writer writer, StringBuilder out, long index);

        private boolean refill() {
            if (next >= to) {
                return false;
            }
            text.setLength(0);
            while (next < to && text.length() < 48 * 1024) {
                append(writer, text, next++);
            }
            // The generated text is ASCII: one byte per char.
            buffer = text.toString().getBytes(StandardCharsets.ISO_8859_1);
            position = 0;
            return true;
        }

        @Override
        public int read() {
            if (position == buffer.length && !refill()) {
                return -1;
            }
            return buffer[position++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (position == buffer.length && !refill()) {
                return -1;
            }
            int n = Math.min(len, buffer.length - position);
            System.arraycopy(buffer, position, b, off, n);
            position += n;
            return n;
        }
    }
}
