package dev.modelregistry.server.webhook;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One delivery attempt against real servers on loopback: what is sent, and that a redirect is not followed, a slow
 * answer is cut off at the deadline, and an HTTPS receiver whose certificate is not trusted gets nothing.
 */
class WebhookPostTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final WebhookPost post = new WebhookPost();

    @TempDir
    Path dir;

    @Test
    void theRequestCarriesTheHostTheHeadersAndTheBodyAsGiven() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = server((exchange, body) -> {
            seen.add(exchange.getRequestHeaders().getFirst("Host") + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("webhook-id") + " " + body);
            return 204;
        });
        try {
            int port = server.getAddress().getPort();
            WebhookPost.Outcome outcome = post.post(WebhookUrl.parse("http://127.0.0.1:" + port + "/in?x=1"), LOOPBACK,
                    Map.of("webhook-id", "evt_1"), "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5));

            assertThat(outcome.delivered()).isTrue();
            assertThat(outcome.status()).contains(204);
            assertThat(seen).containsExactly("127.0.0.1:" + port + " /in?x=1 evt_1 {\"a\":1}");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRedirectIsAFailedAttemptAndIsNotFollowed() throws Exception {
        List<String> followed = new CopyOnWriteArrayList<>();
        HttpServer elsewhere = server((exchange, body) -> {
            followed.add(body);
            return 204;
        });
        String location = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/";
        HttpServer redirecting = server((exchange, body) -> {
            exchange.getResponseHeaders().add("Location", location);
            return 307;
        });
        try {
            WebhookPost.Outcome outcome = post.post(url(redirecting), LOOPBACK, Map.of(), new byte[] {'{', '}'},
                    Duration.ofSeconds(5));

            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.status()).contains(307);
            assertThat(outcome.error()).contains("answered HTTP 307");
            assertThat(followed).isEmpty();
        } finally {
            redirecting.stop(0);
            elsewhere.stop(0);
        }
    }

    @Test
    void anAnswerSlowerThanTheDeadlineIsNoAnswer() throws Exception {
        HttpServer slow = server((exchange, body) -> {
            TimeUnit.SECONDS.sleep(3);
            return 204;
        });
        try {
            WebhookPost.Outcome outcome = post.post(url(slow), LOOPBACK, Map.of(), new byte[0], Duration.ofMillis(300));

            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.status()).isEmpty();
            assertThat(outcome.error()).contains("no answer within 300 ms");
            assertThat(outcome.latencyMillis()).isLessThan(3_000);
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void anHttpsReceiverWithACertificateNobodyTrustsGetsNothing() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
        server.createContext("/", exchange -> {
            received.add("request");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try {
            WebhookUrl url = WebhookUrl.parse("https://127.0.0.1:" + server.getAddress().getPort() + "/");
            WebhookPost.Outcome outcome = post.post(url, LOOPBACK, Map.of(), new byte[0], Duration.ofSeconds(5));

            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.error()).hasValueSatisfying(error -> assertThat(error).contains("SSLHandshakeException"));
            assertThat(received).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void anHttpsReceiverWhoseCertificateIsTrustedAndNamesTheHostIsDelivered() throws Exception {
        SSLContext receiver = selfSigned();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(LOOPBACK, 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(receiver));
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(keyStore());
            SSLContext trusting = SSLContext.getInstance("TLS");
            trusting.init(null, trust.getTrustManagers(), null);
            WebhookPost trustingPost = new WebhookPost(trusting.getSocketFactory());
            int port = server.getAddress().getPort();

            WebhookPost.Outcome outcome = trustingPost.post(WebhookUrl.parse("https://127.0.0.1:" + port + "/"),
                    LOOPBACK, Map.of(), new byte[0], Duration.ofSeconds(5));
            // The same certificate does not name "localhost": the host name is checked, not only the chain.
            WebhookPost.Outcome misnamed = trustingPost.post(WebhookUrl.parse("https://localhost:" + port + "/"),
                    LOOPBACK, Map.of(), new byte[0], Duration.ofSeconds(5));

            assertThat(outcome.status()).contains(202);
            assertThat(misnamed.delivered()).isFalse();
            assertThat(misnamed.error()).hasValueSatisfying(error -> assertThat(error).contains("SSLHandshake"));
        } finally {
            server.stop(0);
        }
    }

    /** A handler reading the body as text and answering with the status it returns. */
    @FunctionalInterface
    private interface Answer {
        int answer(com.sun.net.httpserver.HttpExchange exchange, String body) throws Exception;
    }

    private static HttpServer server(Answer answer) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 10);
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                int status = answer.answer(exchange, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(status, -1);
            } catch (Exception e) {
                exchange.sendResponseHeaders(500, -1);
            }
        });
        server.start();
        return server;
    }

    private static WebhookUrl url(HttpServer server) {
        return WebhookUrl.parse("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** A TLS context with a self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private SSLContext selfSigned() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore(), "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The receiver's key and certificate, created on first use. */
    private KeyStore keyStore() throws Exception {
        Path keystore = dir.resolve("receiver.p12");
        if (!keystore.toFile().exists()) {
            createKeyStore(keystore);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    private static void createKeyStore(Path keystore) throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "receiver", "-keyalg", "EC",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit").redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0)
                .as("keytool: %s", new String(process.getInputStream().readAllBytes())).isTrue();
    }
}
