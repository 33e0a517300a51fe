package dev.modelregistry.cli;

import dev.modelregistry.client.ProgressListener;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * One line on stderr showing a transfer or a hash: label, bar, bytes done of total, percent, rate and ETA,
 * redrawn in place with {@code \r} at most ten times a second. {@link #close()} wipes it, so the result line
 * that follows on stdout starts on a clean line.
 */
final class ProgressBar implements ProgressListener, AutoCloseable {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int MIN_BAR = 10;
    private static final int MIN_NAME = 12;
    private static final String GAP = "  ";
    private static final long KIB = 1024;
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private final PrintWriter err;
    private final String label;
    private final int width;
    private final LongSupplier nanoClock;
    private final long start;
    private long lastDraw;
    private boolean drawn;
    private boolean finished;

    /** A bar that draws nothing: for output that is not a terminal, or --quiet. */
    static ProgressBar hidden() {
        ProgressBar bar = new ProgressBar(null, "", Terminal.DEFAULT_COLUMNS, () -> 0L);
        bar.finished = true;
        return bar;
    }

    ProgressBar(PrintWriter err, String label, int width, LongSupplier nanoClock) {
        this.err = err;
        this.label = label;
        this.width = width;
        this.nanoClock = nanoClock;
        this.start = nanoClock.getAsLong();
    }

    @Override
    public synchronized void progressed(long bytesSoFar, long totalBytes) {
        long now = nanoClock.getAsLong();
        if (finished || (drawn && now - lastDraw < REDRAW_NANOS)) {
            return;
        }
        String line = format(label, bytesSoFar, totalBytes, now - start, width);
        // Padded: a line shorter than the one before must cover all of it.
        err.print("\r" + line + " ".repeat(Math.max(0, width - 1 - line.length())));
        err.flush();
        lastDraw = now;
        drawn = true;
    }

    /** Wipes the line; nothing is drawn afterwards. */
    @Override
    public synchronized void close() {
        if (drawn && !finished) {
            err.print("\r" + " ".repeat(width - 1) + "\r");
            err.flush();
        }
        finished = true;
    }

    /**
     * The line for {@code done} of {@code total} bytes ({@code total} -1 when unknown) after {@code elapsedNanos},
     * at most {@code width - 1} characters (a full-width line makes some terminals wrap):
     * {@code model.bin  [#####-----]  1.5 GiB / 4.0 GiB   37%  85.3 MiB/s  ETA 0:31}.
     */
    static String format(String label, long done, long total, long elapsedNanos, int width) {
        double seconds = elapsedNanos / 1e9;
        double bytesPerSecond = seconds > 0 ? done / seconds : 0;
        boolean known = total >= 0;
        List<String> stats = new ArrayList<>();
        stats.add(human(done) + (known ? " / " + human(total) : ""));
        if (known) {
            stats.add(String.format(Locale.ROOT, "%3d%%", percentOf(done, total)));
        }
        stats.add(String.format(Locale.ROOT, "%.1f MiB/s", bytesPerSecond / (KIB * KIB)));
        stats.add("ETA " + (known && bytesPerSecond > 0 ? duration((total - done) / bytesPerSecond) : "--:--"));
        String numbers = String.join(GAP, stats);

        int budget = width - 1;
        int room = budget - numbers.length() - GAP.length();
        String name = clean(label);
        if (room < Math.min(name.length(), MIN_NAME)) {
            return fit(numbers, budget);
        }
        if (!known || name.length() + GAP.length() + MIN_BAR > room) {
            // The bar only repeats the percentage: the name, which says what is moving, gets the room first.
            return shorten(name, room) + GAP + numbers;
        }
        return name + GAP + bar(done, total, room - name.length() - GAP.length()) + GAP + numbers;
    }

    /** Bytes in binary units: {@code 512 B}, {@code 1.5 KiB}, {@code 3.0 GiB}. */
    static String human(long bytes) {
        if (bytes < KIB) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= KIB && unit < UNITS.length - 1) {
            value /= KIB;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    private static int percentOf(long done, long total) {
        return total == 0 ? 100 : (int) Math.min(100, done * 100.0 / total);
    }

    private static String bar(long done, long total, int barWidth) {
        int inner = barWidth - 2;
        int filled = total == 0 ? inner : (int) Math.min(inner, inner * (double) done / total);
        return "[" + "#".repeat(filled) + "-".repeat(inner - filled) + "]";
    }

    private static String duration(double seconds) {
        long total = (long) Math.ceil(seconds);
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long secs = total % 60;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
                : String.format(Locale.ROOT, "%d:%02d", minutes, secs);
    }

    /** Keeps the end of a long name (the file name is more telling than its first directories). */
    private static String shorten(String text, int room) {
        if (text.length() <= room) {
            return text;
        }
        return "..." + text.substring(text.length() - room + 3);
    }

    private static String fit(String text, int room) {
        return text.length() <= room ? text : text.substring(0, Math.max(room, 0));
    }

    // A file name with a control character must not drive the terminal.
    private static String clean(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }
}
