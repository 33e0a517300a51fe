package dev.modelregistry.cli;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
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
 * An in-process HTTP server answering scripted responses and recording every request it receives. A copy of the
 * client module's test double: sharing it through a test-jar would tie every cli build to the client's tests.
 */
final class FakeRegistry implements AutoCloseable {
    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";

    /** A request as the server saw it: raw (still percent-encoded) path and query. */
    record Received(String method, String rawPath, String rawQuery, Headers headers, String body) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private record Scripted(int status, String contentType, String body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Scripted>> script = new HashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    FakeRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Scripts the next answer to {@code method target}, where target is the raw path plus any raw query. */
    FakeRegistry on(String method, String target, int status, String contentType, String body) {
        return on(method, target, status, contentType, body, Map.of());
    }

    synchronized FakeRegistry on(String method, String target, int status, String contentType, String body,
                                 Map<String, String> headers) {
        script.computeIfAbsent(method + " " + target, k -> new ArrayDeque<>())
                .add(new Scripted(status, contentType, body, headers));
        return this;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Received only() {
        if (received.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + received);
        }
        return received.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                exchange.getRequestHeaders(), body));
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        Scripted answer = next(exchange.getRequestMethod() + " " + target);
        if (answer == null) {
            answer = new Scripted(599, "text/plain", "nothing scripted for " + target, Map.of());
        }
        answer.headers().forEach(exchange.getResponseHeaders()::add);
        if (answer.contentType() != null) {
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        }
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
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
