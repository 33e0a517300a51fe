package dev.modelregistry.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A real webhook receiver on loopback for tests: a JDK HTTP server that records every request it gets and answers
 * with the status the test sets, after the delay the test sets. Given secrets, it verifies the Standard Webhooks
 * signature itself (its own HMAC code, not the registry's) and answers 401 to a delivery no secret signed.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived, with what this receiver answered (or, when slow, was going to answer). */
    public record Received(String webhookId, String timestamp, String signature, String contentType, String body,
                           JsonNode event, int answered, Instant at) {
        public boolean delivered() {
            return answered >= 200 && answered < 300;
        }

        /** The event's model-chain sequence ({@code chainseq}). */
        public long chainSeq() {
            return event.get("chainseq").asLong();
        }

        /** Whether one of the {@code v1,} signatures is the HMAC of id.timestamp.body under {@code secret}. */
        public boolean signedWith(String secret) {
            String expected = "v1," + hmac(secret, webhookId + "." + timestamp + "." + body);
            return signature != null && Arrays.stream(signature.split(" ")).anyMatch(sig ->
                    MessageDigest.isEqual(sig.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int status = 204;
    private volatile Duration delay = Duration.ZERO;
    private volatile List<String> secrets = List.of();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    public static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/", receiver::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://127.0.0.1:<port>/hooks/<name>}: the allow-list of the test servers names 127.0.0.1. */
    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + name;
    }

    public void answer(int newStatus) {
        status = newStatus;
    }

    public void delay(Duration newDelay) {
        delay = newDelay;
    }

    /** From now on, only deliveries signed with one of these secrets are answered 2xx; others get 401. */
    public void verifyWith(String... newSecrets) {
        secrets = List.of(newSecrets);
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> delivered() {
        return received.stream().filter(Received::delivered).toList();
    }

    /** Waits until {@code done} holds for what was received; fails after {@code timeout}. */
    public List<Received> await(Duration timeout, String what, Predicate<List<Received>> done) {
        return Polling.until(timeout, "receiver: " + what, this::received, done);
    }

    /** Waits until {@code count} deliveries were answered 2xx. */
    public List<Received> awaitDelivered(int count, Duration timeout) {
        await(timeout, count + " deliveries", all -> all.stream().filter(Received::delivered).count() >= count);
        return delivered();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Duration wait = delay;
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            JsonNode event = body.isEmpty() ? null : JSON.readTree(body);
            Received request = new Received(id, timestamp, signature,
                    exchange.getRequestHeaders().getFirst("Content-Type"), body, event, status, Instant.now());
            List<String> verifying = secrets;
            int answer = !verifying.isEmpty() && verifying.stream().noneMatch(request::signedWith) ? 401 : status;
            // Recorded as it arrives: a slow answer may come after the registry stopped waiting for it.
            received.add(new Received(id, timestamp, signature, request.contentType(), body, event, answer,
                    request.at()));
            Polling.pause(wait.toMillis());
            exchange.sendResponseHeaders(answer, -1);
        }
    }

    private static String hmac(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
