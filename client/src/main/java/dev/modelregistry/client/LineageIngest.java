package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.ErrorCode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sends an NDJSON file of signals or fills to the registry, run after run of whole lines (see {@link NdjsonChunks}
 * for why not in one request), each run streamed from disk and its per-line results read line by line as they
 * arrive. Results are handed on in file order, their {@code line} numbered within the whole file.
 */
final class LineageIngest {
    private static final Set<String> KINDS = Set.of("signals", "fills");
    private static final String NDJSON = "application/x-ndjson";

    private final Transport transport;
    private final ObjectMapper json;

    LineageIngest(Transport transport, ObjectMapper json) {
        this.transport = transport;
        this.json = json;
    }

    IngestSummary run(String kind, Path file, ProgressListener progress, Consumer<JsonNode> perResult) {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("the kind of lineage event must be signals or fills, got: " + kind);
        }
        long size = size(file);
        long[] counts = new long[4];
        progress.progressed(0, size);
        try (NdjsonChunks chunks = new NdjsonChunks(file)) {
            for (NdjsonChunks.Chunk chunk; (chunk = chunks.next()) != null; ) {
                FileSlice body = new FileSlice(file, chunk.offset(), chunk.length(), chunk.offset(), size, progress);
                HttpResponse<InputStream> response = transport.postStream("/lineage/" + kind, NDJSON, body.publisher());
                readResults(response, chunk.firstLine() - 1, counts, perResult);
            }
        }
        progress.progressed(size, size);
        return new IngestSummary(counts[0], counts[1], counts[2], counts[3]);
    }

    private void readResults(HttpResponse<InputStream> response, long lineOffset, long[] counts,
                             Consumer<JsonNode> perResult) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.isBlank()) {
                    JsonNode result = result(line, response);
                    if (result instanceof ObjectNode object && object.path("line").canConvertToLong()) {
                        object.put("line", object.get("line").asLong() + lineOffset);
                    }
                    count(result.path("status").asText(), counts);
                    perResult.accept(result);
                }
            }
        } catch (IOException e) {
            throw new RegistryUnreachableException("POST", response.uri(), e);
        }
    }

    private JsonNode result(String line, HttpResponse<InputStream> response) {
        try {
            JsonNode result = json.readTree(line);
            if (result != null && result.isObject()) {
                return result;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new ProblemException(ErrorCode.INTERNAL, response.statusCode(), null, "Unreadable response",
                "POST " + response.uri() + " answered a result line that is not a JSON object", List.of(),
                response.headers().firstValue("X-Request-Id").orElse(null));
    }

    private static void count(String status, long[] counts) {
        switch (status) {
            case "accepted" -> counts[0]++;
            case "duplicate" -> counts[1]++;
            case "conflict" -> counts[2]++;
            default -> counts[3]++;
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
