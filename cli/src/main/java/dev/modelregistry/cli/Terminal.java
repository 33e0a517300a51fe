package dev.modelregistry.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether stderr is a terminal a human watches (so a progress bar may be drawn there), and how wide it is.
 * Detected once at start-up; tests pass their own.
 */
record Terminal(boolean interactive, int columns) {
    static final int DEFAULT_COLUMNS = 80;
    static final Terminal NONE = new Terminal(false, DEFAULT_COLUMNS);

    static Terminal detect() {
        return new Terminal(stderrIsTerminal() && !"dumb".equals(System.getenv("TERM")), widthFromEnvironment());
    }

    private static boolean stderrIsTerminal() {
        // Linux names what fd 2 is: exact for stderr, where System.console() only looks at stdin and stdout
        // (`modelreg download ... 2>log` would otherwise fill the log with redraws).
        Path stderr = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(stderr)) {
            try {
                String device = Files.readSymbolicLink(stderr).toString();
                return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
            } catch (IOException | SecurityException e) {
                return false;
            }
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 on, System.console() may exist without a terminal; isTerminal() (JDK 22+) says which.
        // The project compiles for 21, hence the reflective call.
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    private static int widthFromEnvironment() {
        // Shells set COLUMNS but rarely export it; when they do, it is the width.
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            return columns >= 20 ? columns : DEFAULT_COLUMNS;
        } catch (NumberFormatException e) {
            return DEFAULT_COLUMNS;
        }
    }
}
