package dev.modelregistry.server.testing;

import dev.modelregistry.server.config.ArtifactConfig.S3Settings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for tests: S3Proxy with its filesystem backend, on a free loopback port, in its own
 * JVM (its Jetty, jclouds and Guava stay off the test classpath). The server module's build copies S3Proxy's
 * self-contained jar to {@code target/s3proxy/s3proxy.jar}; the system property {@code modelreg.test.s3proxy.jar}
 * points elsewhere.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String BUCKET = "modelreg-test";
    public static final String ACCESS_KEY = "modelreg-test-access";
    public static final String SECRET_KEY = "modelreg-test-secret";
    public static final String REGION = "us-east-1";
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Path directory;
    private final Path properties;
    private final Path log;
    private final URI endpoint;
    private final Thread reaper;
    private volatile Process process;

    private S3ProxyServer(Path directory, Path properties, Path log, URI endpoint) throws IOException {
        this.directory = directory;
        this.properties = properties;
        this.log = log;
        this.endpoint = endpoint;
        this.process = launch();
        // Never leave the proxy running when a test JVM ends without closing it.
        this.reaper = new Thread(() -> process.destroyForcibly(), "s3proxy-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
    }

    private Process launch() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m",
                "-jar", jar().toString(), "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("LOG_LEVEL", "warn");
        return builder.start();
    }

    /** Kills the proxy as a crash would (its stored objects stay on disk); {@link #restart} brings it back. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing S3Proxy", e);
        }
    }

    /** Starts the proxy again on the same port over the same objects, and waits until it answers. */
    public void restart() {
        try {
            process = launch();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart S3Proxy", e);
        }
        awaitReady();
    }

    /** Starts S3Proxy, waits until it answers, and creates {@link #BUCKET}. */
    public static S3ProxyServer start() {
        try {
            Path directory = Files.createTempDirectory("modelreg-s3proxy-");
            Path data = Files.createDirectories(directory.resolve("data"));
            int port = freePort();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Path properties = Files.writeString(directory.resolve("s3proxy.properties"), String.join("\n",
                    "s3proxy.endpoint=" + endpoint,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + data,
                    "jclouds.identity=" + ACCESS_KEY,
                    "jclouds.credential=" + SECRET_KEY,
                    ""));
            Path log = directory.resolve("s3proxy.log");
            S3ProxyServer server = new S3ProxyServer(directory, properties, log, endpoint);
            try {
                server.awaitReady();
                try (S3Client client = server.client()) {
                    client.createBucket(b -> b.bucket(BUCKET));
                }
                return server;
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy", e);
        }
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("modelreg.test.s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no S3Proxy jar at " + jar.toAbsolutePath()
                    + "; the server module's process-test-resources phase copies it there (run the tests with Maven)");
        }
        return jar;
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy exited with " + process.exitValue() + " while starting; its log:\n"
                        + logText());
            }
            try {
                // Any HTTP answer (an anonymous request is refused with 403) means it is serving.
                http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                sleep(100); // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for S3Proxy", e);
            }
        }
        throw new IllegalStateException("S3Proxy did not answer on " + endpoint + " within " + STARTUP + "; its log:\n"
                + logText());
    }

    public URI endpoint() {
        return endpoint;
    }

    public String bucket() {
        return BUCKET;
    }

    public String accessKey() {
        return ACCESS_KEY;
    }

    public String secretKey() {
        return SECRET_KEY;
    }

    /** Settings for a blob store under {@code prefix} of the test bucket (path-style, static credentials). */
    public S3Settings settings(String prefix) {
        return new S3Settings(BUCKET, prefix, Optional.of(endpoint), REGION, true, Optional.of(ACCESS_KEY),
                Optional.of(SECRET_KEY));
    }

    /** A client of the proxy, for tests that look at the bucket behind a store's back. Close it. */
    public S3Client client() {
        return S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder())
                .endpointOverride(endpoint)
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }

    /** What the proxy has logged (warnings and errors). */
    public String logText() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 200), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
