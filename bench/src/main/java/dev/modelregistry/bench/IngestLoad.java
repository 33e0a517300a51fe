package dev.modelregistry.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * NDJSON ingest through the HTTP API, as signal-stream and execution send it: each request carries a chunk of lines
 * as a streamed (chunked) body, generated while it is sent, and its per-line results are read line by line as they
 * arrive. Every result must be in line order, carry the line's id and have the expected status ({@code accepted}
 * for fresh data); anything else, or a missing or extra result, fails the load with the server's answer. Each
 * client thread has its own keep-alive connection.
 * <p>
 * Two transports. The JDK {@link HttpClient} (default) hands the response over only after it sent the whole body.
 * {@link DuplexHttpConnection} ({@code --transport socket}) writes the body from its own thread while the caller
 * reads the results, which a server that streams results as batches commit needs for large requests. The server
 * now spools its results and answers once it has read the body (IngestRoutes, ResultSpool), so both measure the
 * same thing; the socket client is kept to measure a streaming server (see bench/README.md, Lineage ingest).
 */
final class IngestLoad implements ChunkedLoad.WorkerFactory {
    /**
     * How long a request may wait for its response headers (and, with the socket client, for any read), which the
     * server sends once it has read the whole body: 5 minutes plus 1 ms per line of the largest request.
     */
    private final Duration headersTimeout;

    private final URI uri;
    private final String token;
    private final EventLines lines;
    private final EventLines.Kind kind;
    private final String expectedStatus;
    private final boolean jdkClient;

    IngestLoad(String baseUrl, String token, EventLines lines, EventLines.Kind kind, String expectedStatus,
               boolean jdkClient, long linesPerRequest) {
        this.jdkClient = jdkClient;
        this.headersTimeout = Duration.ofMinutes(5).plusMillis(linesPerRequest);
        this.uri = URI.create(baseUrl + kind.path);
        this.token = token;
        this.lines = lines;
        this.kind = kind;
        this.expectedStatus = expectedStatus;
    }

    @Override
    public ChunkedLoad.Worker create(int index) {
        return jdkClient ? jdkWorker() : duplexWorker();
    }

    private ChunkedLoad.Worker duplexWorker() {
        DuplexHttpConnection connection = new DuplexHttpConnection(uri.getHost(), uri.getPort(), headersTimeout);
        Map<String, String> headers = Map.of("Authorization", "Bearer " + token, "Content-Type", "application/x-ndjson");
        return new ChunkedLoad.Worker() {
            @Override
            public void load(long from, long to, ChunkedLoad.Progress progress) throws Exception {
                DuplexHttpConnection.Response response = connection.post(uri.getPath(), headers,
                        lines.stream(kind, from, to));
                if (response.status != 200) {
                    String answer = head(response.body);
                    response.abandon();
                    throw new IllegalStateException("POST " + uri.getPath() + " answered " + response.status + ": " + answer);
                }
                readResults(response.body, from, to, progress);
                response.finish();
            }

            @Override
            public void abort() {
                connection.abort();
            }

            @Override
            public void close() {
                connection.close();
            }
        };
    }

    private ChunkedLoad.Worker jdkWorker() {
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        return new ChunkedLoad.Worker() {
            @Override
            public void load(long from, long to, ChunkedLoad.Progress progress) throws Exception {
                HttpRequest request = HttpRequest.newBuilder(uri)
                        .timeout(headersTimeout)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> lines.stream(kind, from, to)))
                        .build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("POST " + uri.getPath() + " answered " + response.statusCode()
                                + ": " + head(body));
                    }
                    readResults(body, from, to, progress);
                }
            }

            @Override
            public void abort() {
                http.shutdownNow();
            }

            @Override
            public void close() {
                http.shutdownNow();
                http.close();
            }
        };
    }

    private void readResults(InputStream body, long from, long to, ChunkedLoad.Progress progress) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 64 * 1024);
        long sent = to - from;
        long line = 0;
        long unreported = 0;
        for (String text; (text = reader.readLine()) != null; ) {
            if (text.isEmpty()) {
                continue;
            }
            line++;
            if (line > sent) {
                throw new IllegalStateException("POST " + uri.getPath() + " answered more results than the " + sent
                        + " lines sent: " + text);
            }
            String expectedId = kind.idPrefix + (from + line - 1);
            if (numberAfter(text, "\"line\":") != line || !expectedId.equals(textAfter(text, "\"id\":\""))
                    || !expectedStatus.equals(textAfter(text, "\"status\":\""))) {
                throw new IllegalStateException("POST " + uri.getPath() + ": result " + line + " (id " + expectedId
                        + ", expected status " + expectedStatus + ") was: " + text);
            }
            if (++unreported == 1_000) {
                progress.add(unreported);
                unreported = 0;
            }
        }
        progress.add(unreported);
        if (line != sent) {
            throw new IllegalStateException("POST " + uri.getPath() + " answered " + line + " results for " + sent
                    + " lines (lines " + kind.idPrefix + from + " to " + kind.idPrefix + (to - 1) + ")");
        }
    }

    /** The JSON string value that follows {@code key}, or null (the result lines hold no escaped quotes in these fields). */
    private static String textAfter(String text, String key) {
        int start = text.indexOf(key);
        if (start < 0) {
            return null;
        }
        start += key.length();
        int end = text.indexOf('"', start);
        return end < 0 ? null : text.substring(start, end);
    }

    private static long numberAfter(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return -1;
        }
        long value = 0;
        int digits = 0;
        for (int i = at + key.length(); i < text.length() && Character.isDigit(text.charAt(i)); i++, digits++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return digits == 0 ? -1 : value;
    }

    private static String head(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(2_000);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
