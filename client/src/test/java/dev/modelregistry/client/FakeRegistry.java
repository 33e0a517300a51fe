package dev.modelregistry.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process HTTP server answering scripted responses and recording every request it receives. Public, and
 * published in the client's test jar, because the cli's tests drive the same double.
 */
public final class FakeRegistry implements AutoCloseable {
    public static final String JSON = "application/json";
    public static final String PROBLEM = "application/problem+json";

    /** A request as the server saw it: raw (still percent-encoded) path and query, and the body's bytes. */
    public record Received(String method, String rawPath, String rawQuery, Headers headers, byte[] bytes) {
        public String header(String name) {
            return headers.getFirst(name);
        }

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A scripted answer: writes the whole response to an exchange whose request body was already read. */
    private record Scripted(HttpHandler responder) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Scripted>> script = new HashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Scripts the next answer to {@code method target}, where target is the raw path plus any raw query. */
    public FakeRegistry on(String method, String target, int status, String contentType, String body) {
        return on(method, target, status, contentType, body, Map.of());
    }

    public FakeRegistry on(String method, String target, int status, String contentType, String body,
                    Map<String, String> headers) {
        return on(method, target, status, contentType,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Scripts an answer with a binary body (a download). */
    public FakeRegistry on(String method, String target, int status, String contentType, byte[] body,
                    Map<String, String> headers) {
        return onExchange(method, target, exchange -> respond(exchange, status, contentType, body, headers));
    }

    /** Scripts an answer written by hand, for responses a well-behaved server would not send. */
    public synchronized FakeRegistry onExchange(String method, String target, HttpHandler responder) {
        script.computeIfAbsent(method + " " + target, k -> new ArrayDeque<>()).add(new Scripted(responder));
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Received only() {
        if (received.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + received);
        }
        return received.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        byte[] body = exchange.getRequestBody().readAllBytes();
        received.add(new Received(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                exchange.getRequestHeaders(), body));
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Scripted answer = next(exchange.getRequestMethod() + " " + target);
        if (answer == null) {
            respond(exchange, 599, "text/plain", ("nothing scripted for " + target).getBytes(StandardCharsets.UTF_8),
                    Map.of());
        } else {
            answer.responder().handle(exchange);
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body,
                                Map<String, String> headers) throws IOException {
        headers.forEach(exchange.getResponseHeaders()::add);
        if (contentType != null) {
            exchange.getResponseHeaders().add("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private synchronized Scripted next(String key) {
        Deque<Scripted> answers = script.get(key);
        return answers == null ? null : answers.poll();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
