package dev.modelregistry.server.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import dev.modelregistry.server.testing.TestRegistry.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.net.http.HttpRequest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Inputs that fuzzing turned into 5xx or worse: each is a 4xx now, and changes nothing. */
abstract class HostileInputApiContractTest extends ApiTestSupport {
    private static String team;
    private static String member;
    private static String model;

    @BeforeAll
    static void modelWithAVersion() {
        team = unique("hostile");
        member = teamWithMember(team);
        model = unique("target");
        register(model, member, registration(team));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/principals", "/teams", "/evaluators", "/models", "/orphans", "/audit",
            "/models/{model}/versions", "/models/{model}/deployment/history"})
    void aControlCharacterInAQueryParameterIsRefusedNamingIt(String route) {
        String path = route.replace("{model}", model);

        assertInvalidFields(get(path + "?after=a%00b", ADMIN), "after");
        assertInvalidFields(get(path + "?after=a%0Ab", ADMIN), "after");
        assertInvalidFields(get(path + "?subject=a%00b", ADMIN), "subject");
        assertStatus(200, get(path + "?limit=1", ADMIN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT9223372036854775807S", "P36501D", "P9999999999D"})
    void aDeprecationThresholdBeyondACenturyIsRefused(String duration) {
        String before = get("/models/" + model, ADMIN).text();

        Response response = send(registry.request("/models/" + model, ADMIN).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(
                        "{\"deprecation_policy\":{\"warn_after\":\"" + duration + "\"}}")).build());

        assertInvalidFields(response, "deprecation_policy.warn_after");
        assertThat(get("/models/" + model, ADMIN).text()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/jsonp", "application/json-patch+json", "application/jsonx",
            "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/json; x=1"})
    void aBodyOfALookAlikeTypeOrAnotherCharsetIsUnsupported(String contentType) {
        String name = unique("media");
        assertProblem(post("/models/" + name + "/versions", member, registration(team).toString(),
                Map.of("Content-Type", contentType)), 415, "unsupported-media-type");
        assertProblem(get("/models/" + name, member), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32"})
    void aBodyInUtf16Or32IsUnsupported(String charset) {
        String name = unique("utf16");
        byte[] body = registration(team).toString().getBytes(Charset.forName(charset));
        HttpRequest request = registry.request("/models/" + name + "/versions", member)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();

        assertProblem(send(request), 415, "unsupported-media-type");
        assertProblem(get("/models/" + name, member), 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/jsonp", "application/json", "text/plain", "application/x-ndjson; charset=utf-16"})
    void ingestRefusesAnyTypeButNdjson(String contentType) {
        HttpRequest request = registry.request("/lineage/signals", ADMIN).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString("{}\n")).build();
        assertProblem(send(request), 415, "unsupported-media-type");
    }

    @Test
    void ingestRefusesUtf16() {
        byte[] body = "{\"signal_id\":\"s\"}\n".getBytes(StandardCharsets.UTF_16);
        HttpRequest request = registry.request("/lineage/signals", ADMIN).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        assertProblem(send(request), 415, "unsupported-media-type");
    }

    @Test
    void aLineBreakInARequestCannotForgeALogLine() {
        List<String> logged = captureLogsWhile(() -> {
            get("/models/x%0AFORGED%20line?after=y%0AFORGED%20line", member);
            get("/models?health=%0AFORGED%20line", member);
            post("/models/a%0AFORGED%20line/versions", member, registration(team));
            // Whatever a future call site echoes, in a message or in an exception's, is escaped by the log pattern.
            LoggerFactory.getLogger("modelreg.test").warn("echoed {}", "a\nFORGED line",
                    new IllegalStateException("b\r\nFORGED line", new RuntimeException("c\nFORGED line")));
        });

        assertThat(logged).anySatisfy(event -> assertThat(event).contains("a\\nFORGED line", "b\\r\\nFORGED line",
                "c\\nFORGED line", "\tat "));
        assertThat(logged).allSatisfy(event -> assertThat(Arrays.stream(event.split("\n")))
                .noneMatch(line -> line.startsWith("FORGED")));
    }

    /** Every event logged meanwhile, formatted as the console would write it, with the request log at INFO. */
    private static List<String> captureLogsWhile(Runnable requests) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        PatternLayoutEncoder console = (PatternLayoutEncoder) ((OutputStreamAppender<ILoggingEvent>) root.getAppender("STDERR")).getEncoder();
        List<String> lines = new CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(new String(console.encode(event), StandardCharsets.UTF_8));
            }
        };
        capture.setContext(context);
        capture.start();
        Logger http = context.getLogger("modelreg.http");
        Level level = http.getLevel();
        http.setLevel(Level.INFO);
        root.addAppender(capture);
        try {
            requests.run();
        } finally {
            root.detachAppender(capture);
            http.setLevel(level);
        }
        return lines;
    }
}
