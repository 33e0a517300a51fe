package dev.modelregistry.cli;

import java.util.List;

/**
 * The one line per artifact that upload and download print as each file completes — path, size in bytes,
 * sha256 and, for uploads, what happened — aligned in advance because the paths and sizes are known up front.
 * Nothing under --json, where the whole list is printed at the end instead.
 */
final class ResultLines {
    private final Output output;
    private final int pathWidth;
    private final int sizeWidth;

    ResultLines(Output output, List<String> paths, long largestSize) {
        this.output = output;
        this.pathWidth = paths.stream().mapToInt(String::length).max().orElse(0);
        this.sizeWidth = Long.toString(largestSize).length();
    }

    void print(String path, long size, String sha256, String... more) {
        if (output.json()) {
            return;
        }
        StringBuilder line = new StringBuilder()
                .append(path).append(" ".repeat(Math.max(0, pathWidth - path.length()))).append("  ")
                .append(" ".repeat(Math.max(0, sizeWidth - Long.toString(size).length()))).append(size).append("  ")
                .append(sha256);
        for (String word : more) {
            line.append("  ").append(word);
        }
        output.line(line.toString());
    }
}
