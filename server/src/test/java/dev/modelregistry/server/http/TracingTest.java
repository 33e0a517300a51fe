package dev.modelregistry.server.http;

import dev.modelregistry.server.RegistryServer;
import dev.modelregistry.server.config.ServerConfig;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.api.common.AttributeKey;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every request is a server span named after its route, continuing the caller's W3C trace. */
class TracingTest {
    @Test
    void requestsBecomeServerSpansThatContinueTheCallersTrace() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        List<SpanData> spans;
        try (RegistryServer server = RegistryServer.start(ServerConfig.embeddedDefaults(Files.createTempDirectory("trace"))
                .withPort(0).withBootstrapAdminToken("trace-admin-token-0123456789abcdef01234567"), Tracing.to(exporter))) {
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + server.port());
            http.send(HttpRequest.newBuilder(base.resolve("/models/xsmom"))
                    .header("Authorization", "Bearer trace-admin-token-0123456789abcdef01234567")
                    .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").build(), HttpResponse.BodyHandlers.ofString());
            http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            // A span ends when the request is logged, just after the response went out.
            for (int i = 0; i < 100 && exporter.getFinishedSpanItems().size() < 2; i++) {
                Thread.sleep(20);
            }
            spans = exporter.getFinishedSpanItems();
        }
        assertThat(spans).extracting(SpanData::getName).contains("GET /models/{name}", "GET /healthz");
        SpanData model = spans.stream().filter(s -> s.getName().equals("GET /models/{name}")).findFirst().orElseThrow();
        assertThat(model.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(model.getTraceId()).isEqualTo(traceId);
        assertThat(model.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(404L);
        assertThat(model.getAttributes().get(AttributeKey.stringKey("http.route"))).isEqualTo("/models/{name}");
        SpanData health = spans.stream().filter(s -> s.getName().equals("GET /healthz")).findFirst().orElseThrow();
        assertThat(health.getTraceId()).isNotEqualTo(traceId);
    }
}
