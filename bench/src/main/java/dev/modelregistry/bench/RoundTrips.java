package dev.modelregistry.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The raw baseline: sequential GETs from one HTTP/1.1 client on one keep-alive connection, each timed from send to
 * the whole body read. The first tenth of the requests warm up and are not counted; any answer but 200 fails the run.
 */
final class RoundTrips {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private RoundTrips() {
    }

    /** {@code count} timed GETs of {@code uri} (plus {@code count / 10} uncounted first), with {@code token} if not null. */
    static Latencies measure(URI uri, String token, int count) throws Exception {
        try (HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build()) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            HttpRequest request = builder.build();
            Latencies.Recorder recorder = new Latencies.Recorder();
            int warmup = count / 10;
            for (int i = 0; i < warmup + count; i++) {
                long start = System.nanoTime();
                HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                long elapsed = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + uri.getPath() + " answered " + response.statusCode()
                            + ": " + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
                }
                if (i >= warmup) {
                    recorder.record(elapsed);
                }
            }
            return Latencies.merge(List.of(recorder));
        }
    }
}
