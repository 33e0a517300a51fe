package dev.modelregistry.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs of whole lines: never a line cut in two, line numbers that add up to the file's, nothing lost at the end. */
class NdjsonChunksTest {
    @TempDir
    Path dir;

    @Test
    void runsHoldAtMostTheLineLimitAndNumberThroughTheFile() throws IOException {
        Path file = write("a\nbb\n\nccc\nd\n");

        List<NdjsonChunks.Chunk> chunks = chunks(file, 2, 1_000);

        assertThat(chunks).containsExactly(
                new NdjsonChunks.Chunk(0, 5, 1, 2),
                new NdjsonChunks.Chunk(5, 5, 3, 2),
                new NdjsonChunks.Chunk(10, 2, 5, 1));
    }

    @Test
    void aLastLineWithoutNewlineIsALine() throws IOException {
        Path file = write("one\ntwo");

        assertThat(chunks(file, 10, 1_000)).containsExactly(new NdjsonChunks.Chunk(0, 7, 1, 2));
    }

    @Test
    void theByteLimitEndsARunAtTheNextLineEndAndNeverCutsALongLine() throws IOException {
        String longLine = "x".repeat(50);
        Path file = write("ab\n" + longLine + "\ncd\n");

        List<NdjsonChunks.Chunk> chunks = chunks(file, 100, 10);

        assertThat(chunks).containsExactly(
                new NdjsonChunks.Chunk(0, 54, 1, 2),
                new NdjsonChunks.Chunk(54, 3, 3, 1));
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 0, 54, StandardCharsets.UTF_8)).isEqualTo("ab\n" + longLine + "\n");
    }

    @Test
    void anEmptyFileHasNoRuns() throws IOException {
        assertThat(chunks(write(""), 10, 10)).isEmpty();
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("events.ndjson"), text, StandardCharsets.UTF_8);
    }

    private static List<NdjsonChunks.Chunk> chunks(Path file, int maxLines, long maxBytes) {
        List<NdjsonChunks.Chunk> chunks = new ArrayList<>();
        try (NdjsonChunks runs = new NdjsonChunks(file, maxLines, maxBytes)) {
            for (NdjsonChunks.Chunk chunk; (chunk = runs.next()) != null; ) {
                chunks.add(chunk);
            }
        }
        return chunks;
    }
}
