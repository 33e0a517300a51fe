package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.core.error.ErrorCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/** The HTTP plumbing under {@link RegistryClient}: base URI, bearer token, JSON bodies and error mapping. */
final class Transport implements AutoCloseable {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // Enough of an error answer to a download to read its problem document; the rest is not read.
    private static final int MAX_PROBLEM_BYTES = 64 * 1024;
    // RFC 6750 b64token; anything else would be refused by HttpRequest with the token echoed in its message.
    private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final ObjectMapper json;
    private final String base;
    private final String authorization;
    private final Duration requestTimeout;
    private final HttpClient http;

    Transport(ObjectMapper json, URI baseUri, String token, Duration requestTimeout) {
        this.json = json;
        this.base = baseOf(baseUri);
        this.authorization = authorizationOf(token);
        this.requestTimeout = requestTimeout;
        // HTTP/1.1: the default HTTP/2 attempt sends an h2c upgrade on plain http, which buys nothing here.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    String base() {
        return base;
    }

    boolean hasToken() {
        return authorization != null;
    }

    /** A JSON answer of a successful call; {@code body} is null when the response had none (204). */
    record Answer(int status, JsonNode body) {
        /** The body of a call that must answer one; a 2xx without it is a registry fault, not a null to pass on. */
        JsonNode requiredBody() {
            if (body == null) {
                throw new ProblemException(ErrorCode.INTERNAL, status, null, "Unreadable response",
                        "the registry answered HTTP " + status + " without the expected JSON body", List.of(), null);
            }
            return body;
        }
    }

    Answer get(String path, Map<String, String> query) {
        return exchange(request(path + UriPaths.query(query)).GET().build());
    }

    /** A GET with its own timeout: a long-poll must be allowed to wait longer than an ordinary request. */
    Answer get(String path, Map<String, String> query, Duration timeout) {
        return exchange(request(path + UriPaths.query(query), timeout).GET().build());
    }

    String getText(String path) {
        HttpResponse<byte[]> response = send(request(path).GET().build());
        requireSuccess(response);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    Answer post(String path, JsonNode body, String idempotencyKey) {
        HttpRequest.Builder builder = request(path)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(write(body)));
        if (idempotencyKey != null) {
            builder.header(IDEMPOTENCY_KEY, idempotencyKey);
        }
        return exchange(builder.build());
    }

    Answer patch(String path, JsonNode body) {
        return exchange(request(path).header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofByteArray(write(body))).build());
    }

    Answer put(String path) {
        return exchange(request(path).PUT(BodyPublishers.noBody()).build());
    }

    Answer delete(String path) {
        return exchange(request(path).DELETE().build());
    }

    /**
     * PUTs a file's bytes, streamed, with {@code Expect: 100-continue} so that a refusal (no such version, not a
     * member, sealed) arrives before gigabytes are sent. No request timeout: the HttpClient's timeout runs until
     * the response headers, which for an upload is after the last byte, and would cut off large files.
     */
    Answer putFile(String path, Map<String, String> headers, FileBody body) {
        HttpRequest.Builder builder = request(path, null).expectContinue(true).PUT(body.publisher());
        headers.forEach(builder::header);
        try {
            return exchange(builder.build());
        } catch (RegistryUnreachableException e) {
            if (body.endedEarly()) {
                throw new UncheckedIOException(new IOException(
                        "the file became shorter than " + body.size() + " bytes while it was being uploaded", e));
            }
            throw e;
        }
    }

    /**
     * GETs a body as a stream, for downloads. The request timeout applies to the response headers only (waited
     * for here): the body may take as long as it takes. A non-2xx answer is thrown as a problem, as elsewhere.
     */
    HttpResponse<InputStream> getStream(String path) {
        return stream(request(path, null).setHeader("Accept", "*/*").GET().build());
    }

    /**
     * POSTs a streamed body and answers the response body as a stream (NDJSON ingest). As for downloads, the request
     * timeout applies to the response headers only; a non-2xx answer is thrown as a problem.
     */
    HttpResponse<InputStream> postStream(String path, String contentType, BodyPublisher body) {
        return stream(request(path, null).header("Content-Type", contentType)
                .setHeader("Accept", contentType + ", application/problem+json").POST(body).build());
    }

    private HttpResponse<InputStream> stream(HttpRequest request) {
        CompletableFuture<HttpResponse<InputStream>> pending = http.sendAsync(request, BodyHandlers.ofInputStream());
        HttpResponse<InputStream> response;
        try {
            response = pending.get(requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new RegistryUnreachableException(request.method(), request.uri(),
                    new HttpTimeoutException("no response headers within " + requestTimeout.toSeconds() + " s"));
        } catch (ExecutionException e) {
            throw new RegistryUnreachableException(request.method(), request.uri(), e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new RegistryUnreachableException(request.method(), request.uri(), e);
        }
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            byte[] start;
            try (InputStream body = response.body()) {
                start = body.readNBytes(MAX_PROBLEM_BYTES);
            } catch (IOException e) {
                start = new byte[0];
            }
            throw Problems.fromResponse(json, response, start);
        }
        return response;
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return request(pathAndQuery, requestTimeout);
    }

    /** A request to the registry; {@code timeout} null for none. */
    private HttpRequest.Builder request(String pathAndQuery, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Accept", "application/json, application/problem+json");
        if (timeout != null) {
            builder.timeout(timeout);
        }
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Answer exchange(HttpRequest request) {
        HttpResponse<byte[]> response = send(request);
        requireSuccess(response);
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            return new Answer(response.statusCode(), null);
        }
        try {
            return new Answer(response.statusCode(), json.readTree(body));
        } catch (IOException e) {
            throw new ProblemException(ErrorCode.INTERNAL, response.statusCode(), null, "Unreadable response",
                    request.method() + " " + request.uri() + " answered with a body that is not JSON", List.of(),
                    response.headers().firstValue("X-Request-Id").orElse(null));
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryUnreachableException(request.method(), request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnreachableException(request.method(), request.uri(), e);
        }
    }

    private void requireSuccess(HttpResponse<byte[]> response) {
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            throw Problems.fromResponse(json, response);
        }
    }

    private byte[] write(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("request body cannot be written as JSON", e);
        }
    }

    private static String baseOf(URI uri) {
        if (uri == null || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("registry URL must be http(s)://host[:port][/prefix], got: " + uri);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("registry URL must not carry a query, fragment or user info: "
                    + uri.getScheme() + "://" + uri.getHost());
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static String authorizationOf(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        String trimmed = token.strip();
        if (!BEARER_TOKEN.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("the token contains characters a bearer token cannot have");
        }
        return "Bearer " + trimmed;
    }
}
