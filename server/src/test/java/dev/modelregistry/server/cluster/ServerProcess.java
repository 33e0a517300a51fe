package dev.modelregistry.server.cluster;

import dev.modelregistry.server.ServerLauncher;
import dev.modelregistry.server.testing.TestDatabases;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A registry server in its own JVM, started from the test's classpath: a separate instance sharing nothing
 * with the test or with other instances but the database.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(String jdbcUrl, String adminToken, Path logFile) {
        return start(List.of("--db", jdbcUrl, "--data-dir", logFile.getParent().resolve("data-" + logFile.getFileName()).toString()),
                adminToken, logFile);
    }

    /** A server on the embedded SQLite database and file store under {@code dataDir}, which outlives the process. */
    static ServerProcess startEmbedded(Path dataDir, String adminToken, Path logFile) {
        return start(List.of("--data-dir", dataDir.toString()), adminToken, logFile);
    }

    /** A server with exactly these flags besides its port (storage, webhook settings, ...). */
    static ServerProcess startWith(List<String> args, String adminToken, Path logFile) {
        return start(args, adminToken, logFile);
    }

    private static ServerProcess start(List<String> storageArgs, String adminToken, Path logFile) {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), ServerLauncher.class.getName(), "serve",
                "--port", String.valueOf(port)));
        command.addAll(storageArgs);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MODELREG_BOOTSTRAP_ADMIN_TOKEN", adminToken);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        try {
            ServerProcess server = new ServerProcess(builder.start(), port);
            server.awaitReady(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server process exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(baseUri().resolve("/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("server on port " + port + " was not ready within " + timeout);
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

    /** SIGKILL: no shutdown hook runs, nothing is flushed or cleaned up. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Stops the instances, then drops the test schema they shared. */
    static void stopAll(List<ServerProcess> servers, String jdbcUrl) {
        servers.forEach(ServerProcess::close);
        TestDatabases.dropSchemaOf(jdbcUrl);
    }

    /** Instances on one database with one shared signing key file and artifact store, as a real deployment runs them. */
    static List<ServerProcess> startAll(int count, String jdbcUrl, String adminToken, Path dir, Path signingKey) {
        return java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> start(List.of("--db", jdbcUrl, "--data-dir", dir.resolve("data-" + i).toString(),
                        "--signing-key", signingKey.toString(), "--artifacts", dir.resolve("artifacts").toString()), adminToken, dir.resolve("server-" + i + ".log")))
                .toList();
    }
}
