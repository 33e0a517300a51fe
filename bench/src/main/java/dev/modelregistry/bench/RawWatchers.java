package dev.modelregistry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The fan-out baseline: N bare long-poll loops on {@code GET /models/{name}/deployment?after_revision=R&wait=30s},
 * each on a virtual thread with its own HTTP/1.1 client (like the guards), that only parse the answer's revision and
 * production. No signature check, no cache, no state file: the time from a change to the last of them is what the
 * server's notification and answer cost, without the guard's own work.
 */
final class RawWatchers implements Watchers {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI deployment;
    private final String token;
    private final RevisionSightings sightings;
    private final AtomicLongArray known;
    private final AtomicReferenceArray<String> production;
    private final List<HttpClient> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    private RawWatchers(URI base, String model, String token, int size) {
        this.deployment = base.resolve("/models/" + model + "/deployment");
        this.token = token;
        this.sightings = new RevisionSightings(size, "raw watchers");
        this.known = new AtomicLongArray(size);
        this.production = new AtomicReferenceArray<>(size);
    }

    /** Reads the current deployment in each watcher, then starts every long-poll loop. */
    static RawWatchers start(URI base, String model, String token, int size) throws Exception {
        RawWatchers watchers = new RawWatchers(base, model, token, size);
        try {
            for (int i = 0; i < size; i++) {
                HttpClient http = HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(10))
                        .build();
                watchers.clients.add(http);
                watchers.take(i, watchers.get(http, watchers.deployment, Duration.ofSeconds(10)));
            }
            for (int i = 0; i < size; i++) {
                int index = i;
                watchers.threads.add(Thread.ofVirtual().name("raw-watcher-" + i).start(() -> watchers.loop(index)));
            }
        } catch (Exception | Error e) {
            watchers.close();
            throw e;
        }
        return watchers;
    }

    private void loop(int index) {
        HttpClient http = clients.get(index);
        while (running) {
            URI poll = URI.create(deployment + "?after_revision=" + known.get(index) + "&wait=" + WAIT.toMillis() + "ms");
            try {
                take(index, get(http, poll, WAIT.plusSeconds(15)));
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                sightings.failed(index, e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private JsonNode get(HttpClient http, URI uri, Duration timeout) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri.getPath() + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }

    private void take(int index, JsonNode answer) {
        long nanos = System.nanoTime();
        long revision = answer.path("revision").asLong(-1);
        if (revision > known.get(index)) {
            String productionId = answer.path("production").path("model_id").asText(null);
            known.set(index, revision);
            production.set(index, productionId);
            sightings.seen(index, revision, productionId, nanos);
        }
    }

    @Override
    public RevisionSightings sightings() {
        return sightings;
    }

    @Override
    public long downloads() {
        return 0;
    }

    @Override
    public String productionEverywhere() {
        String first = production.get(0);
        for (int i = 1; i < production.length(); i++) {
            if (first == null || !first.equals(production.get(i))) {
                return "raw watchers disagree: " + first + " vs " + production.get(i);
            }
        }
        return first;
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
        clients.forEach(HttpClient::shutdownNow);
        for (Thread t : threads) {
            try {
                t.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
