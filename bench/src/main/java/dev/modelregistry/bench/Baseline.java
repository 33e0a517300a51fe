package dev.modelregistry.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Bare HTTP POSTs to the benchmark's receiver: the baseline a webhook delivery is compared with. */
final class Baseline {
    private Baseline() {
    }

    /**
     * POSTs {@code body} to {@code target} at {@code rate}/s for {@code duration} with one JDK HttpClient (HTTP/1.1,
     * kept-alive connections) and answers the round trips after {@code warmup}; any non-2xx fails the run.
     */
    static Latencies posts(URI target, byte[] body, int rate, Duration duration, Duration warmup)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Latencies.Recorder recorder = new Latencies.Recorder();
        long skip = rate * warmup.toSeconds();
        OpenLoad.run(rate, duration, i -> {
            HttpRequest request = HttpRequest.newBuilder(target).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long start = System.nanoTime();
            int status = send(http, request);
            long nanos = System.nanoTime() - start;
            if (status / 100 != 2) {
                throw new IllegalStateException("the receiver answered " + status);
            }
            if (i >= skip) {
                synchronized (recorder) {
                    recorder.record(nanos);
                }
            }
        });
        return Latencies.merge(List.of(recorder));
    }

    private static int send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
