package dev.modelregistry.client.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelregistry.core.dsse.Dsse;
import dev.modelregistry.core.dsse.DsseEnvelope;
import dev.modelregistry.core.dsse.Ed25519Pem;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry that serves one model's deployment the way the real one does (a freshly signed manifest on every
 * read, long-polling with {@code wait} and {@code after_revision}) and its artifacts, with knobs to misbehave:
 * another signing key, another payload type, altered bytes.
 */
final class FakeDeployRegistry implements AutoCloseable {
    static final String MODEL = "xsmom";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEPLOYMENT = Pattern.compile("^/models/([^/]+)/deployment$");
    private static final Pattern ARTIFACT = Pattern.compile("^/models/([^/]+)/versions/([^/]+)/artifacts/(.+)$");
    private static final Pattern WAIT = Pattern.compile("^(\\d+)(ms|s)?$");

    /** A version with its artifacts' bytes by path. */
    record Version(String modelId, String lineageHash, Map<String, byte[]> artifacts) {
    }

    private final HttpServer server;
    private final KeyPair registryKey = Ed25519Pem.generate();
    private final AtomicInteger artifactRequests = new AtomicInteger();
    private final Map<String, byte[]> servedOverride = new HashMap<>();
    // Versions stay downloadable after they leave the deployment, as in the registry.
    private final Map<String, byte[]> knownArtifacts = new HashMap<>();

    private long revision;
    private Version production;
    private Version canary;
    private int canaryPct;
    private Duration ttl = Duration.ofMinutes(10);
    private KeyPair signingKey = registryKey;
    private String payloadType = ManifestVerifier.PAYLOAD_TYPE;
    private String manifestModel = MODEL;

    FakeDeployRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    String publicKeyPem() {
        return Ed25519Pem.toPem(registryKey.getPublic());
    }

    int artifactRequests() {
        return artifactRequests.get();
    }

    static Version version(String modelId, Map<String, byte[]> artifacts) {
        return new Version(modelId, sha256Hex(modelId.getBytes(StandardCharsets.UTF_8)), artifacts);
    }

    /** A new revision: {@code production} at 100 - canaryPct, {@code canary} (may be null) at canaryPct. */
    synchronized void deploy(Version newProduction, Version newCanary, int newCanaryPct) {
        production = newProduction;
        canary = newCanary;
        canaryPct = newCanary == null ? 0 : newCanaryPct;
        for (Version version : new Version[] {newProduction, newCanary}) {
            if (version != null) {
                version.artifacts().forEach((path, bytes) -> knownArtifacts.put(version.modelId() + "/" + path, bytes));
            }
        }
        revision++;
        notifyAll();
    }

    synchronized void setRevision(long newRevision) {
        revision = newRevision;
        notifyAll();
    }

    synchronized long revision() {
        return revision;
    }

    synchronized void ttl(Duration newTtl) {
        ttl = newTtl;
    }

    synchronized void signWith(KeyPair key) {
        signingKey = key;
    }

    synchronized void payloadType(String type) {
        payloadType = type;
    }

    synchronized void manifestModel(String name) {
        manifestModel = name;
    }

    /** Serves other bytes for an artifact than the ones the manifest names. */
    synchronized void serve(String modelId, String path, byte[] bytes) {
        servedOverride.put(modelId + "/" + path, bytes);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Matcher deployment = DEPLOYMENT.matcher(path);
            Matcher artifact = ARTIFACT.matcher(path);
            if (deployment.matches() && deployment.group(1).equals(MODEL)) {
                respond(exchange, 200, "application/json", deployment(query(exchange)));
            } else if (artifact.matches() && artifact.group(1).equals(MODEL)) {
                artifactRequests.incrementAndGet();
                byte[] bytes = artifact(artifact.group(2), artifact.group(3));
                if (bytes == null) {
                    respond(exchange, 404, "application/problem+json", problem("not-found", "no such artifact"));
                } else {
                    respond(exchange, 200, "application/octet-stream", bytes);
                }
            } else {
                respond(exchange, 404, "application/problem+json", problem("not-found", "model not found"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] deployment(Map<String, String> query) throws InterruptedException {
        synchronized (this) {
            if (query.containsKey("after_revision") && query.containsKey("wait")) {
                long after = Long.parseLong(query.get("after_revision"));
                Instant deadline = Instant.now().plus(waitOf(query.get("wait")));
                while (revision <= after) {
                    long left = Duration.between(Instant.now(), deadline).toMillis();
                    if (left <= 0) {
                        break;
                    }
                    wait(left);
                }
            }
            ObjectNode body = JSON.createObjectNode().put("model", MODEL).put("revision", revision);
            body.set("production", production == null ? null
                    : JSON.createObjectNode().put("model_id", production.modelId()).put("pct", 100 - canaryPct));
            body.set("canary", canary == null ? null
                    : JSON.createObjectNode().put("model_id", canary.modelId()).put("pct", canaryPct));
            body.set("manifest", manifest().toJson());
            return body.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private DsseEnvelope manifest() {
        Instant issued = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ObjectNode payload = JSON.createObjectNode().put("model", manifestModel).put("revision", revision)
                .put("issued_at", issued.toString()).put("expires_at", issued.plus(ttl).toString());
        ArrayNode entries = payload.putArray("entries");
        if (production != null) {
            entries.add(entry(production, 100 - canaryPct, "production"));
        }
        if (canary != null) {
            entries.add(entry(canary, canaryPct, "canary"));
        }
        return Dsse.sign(payloadType, payload.toString().getBytes(StandardCharsets.UTF_8),
                Ed25519Pem.keyId(signingKey.getPublic()), signingKey.getPrivate());
    }

    private static ObjectNode entry(Version version, int pct, String role) {
        ObjectNode entry = JSON.createObjectNode().put("model_id", version.modelId())
                .put("lineage_hash", version.lineageHash()).put("pct", pct).put("role", role);
        ArrayNode artifacts = entry.putArray("artifacts");
        version.artifacts().forEach((path, bytes) ->
                artifacts.addObject().put("path", path).put("sha256", sha256Hex(bytes)).put("size", bytes.length));
        return entry;
    }

    private synchronized byte[] artifact(String modelId, String path) {
        byte[] override = servedOverride.get(modelId + "/" + path);
        if (override != null) {
            return override;
        }
        return knownArtifacts.get(modelId + "/" + path);
    }

    private static Duration waitOf(String text) {
        Matcher m = WAIT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad wait " + text);
        }
        long amount = Long.parseLong(m.group(1));
        return "ms".equals(m.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    }

    private static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    private static byte[] problem(String slug, String detail) {
        return JSON.createObjectNode().put("type", "urn:model-registry:problem:" + slug).put("title", slug)
                .put("status", 404).put("detail", detail).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
