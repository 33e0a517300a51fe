package dev.modelregistry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The webhook receiver of the benchmark, on loopback in the same JVM as the registry (so both read one clock): it
 * notes when each request arrived, answers 204 at once, and keeps the event's id, chain, place in its chain and the
 * time of its audit entry. Requests without a {@code webhook-id} are the baseline's bare POSTs.
 */
final class TimingReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One delivery: when its audit entry was written (in the committing transaction) and when it arrived here. */
    record Arrival(String webhookId, String chain, long chainSeq, Instant eventTime, Instant arrived) {
    }

    private final HttpServer server;
    private final Clock clock = Clock.systemUTC();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private volatile byte[] lastBody = new byte[0];

    private TimingReceiver(HttpServer server) {
        this.server = server;
    }

    static TimingReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        TimingReceiver receiver = new TimingReceiver(server);
        server.createContext("/", receiver::handle);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return receiver;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** The body of the latest delivery, byte for byte: what the baseline posts, so both send the same bytes. */
    byte[] lastBody() {
        return lastBody.clone();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Instant arrived = clock.instant();
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id != null) {
                // Kept before answering: the registry sends a model's next event only after this answer, so the
                // list is in arrival order per model (added after answering, a slow thread could fall behind).
                lastBody = body;
                JsonNode event = JSON.readTree(body);
                arrivals.add(new Arrival(id, event.get("chain").asText(), event.get("chainseq").asLong(),
                        Instant.parse(event.get("time").asText()), arrived));
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
