package dev.modelregistry.server.cluster;

import dev.modelregistry.server.ServerLauncher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code modelreg serve} prints about the bootstrap admin, seen from outside the process, and the offline
 * {@code modelreg admin reset-token} run beside a live server on the same embedded database.
 */
class BootstrapTokenProcessTest {
    private static final String SUPPLIED = "supplied-bootstrap-token-0123456789abcdef";

    @TempDir
    Path dir;

    @Test
    void aSuppliedTokenIsNeverPrintedAndAResetTokenReplacesIt() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("server.log");
        try (ServerProcess server = ServerProcess.startEmbedded(data, SUPPLIED, log)) {
            String printed = startupLines(log);
            assertThat(printed).contains("Created the bootstrap admin principal 'admin' with the token from "
                    + "MODELREG_BOOTSTRAP_ADMIN_TOKEN").doesNotContain(SUPPLIED);

            String reset = resetToken(data);
            assertThat(status(server, SUPPLIED)).as("the old token is revoked").isEqualTo(401);
            assertThat(status(server, reset)).as("the new token works").isEqualTo(200);
            assertThat(Files.readString(log)).doesNotContain(SUPPLIED);
        }
    }

    /** The log up to the "listening" line, which the launcher prints right after it is ready. */
    private static String startupLines(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String printed = Files.readString(log);
        while (!printed.contains("model-registry listening on") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            printed = Files.readString(log);
        }
        return printed;
    }

    /** Runs the launcher's {@code admin reset-token} in this JVM and returns the token it printed. */
    private static String resetToken(Path data) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int code;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            code = ServerLauncher.run(List.of("admin", "reset-token", "--data-dir", data.toString()));
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(code).as(out).isZero();
        Matcher token = Pattern.compile("(?m)^  (mr_\\S+)$").matcher(out);
        assertThat(token.find()).as(out).isTrue();
        return token.group(1);
    }

    private static int status(ServerProcess server, String token) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(server.baseUri().resolve("/principals"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
