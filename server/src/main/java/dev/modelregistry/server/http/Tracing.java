package dev.modelregistry.server.http;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;

import java.util.Optional;

/**
 * OpenTelemetry for the server: a span per HTTP request, continuing a caller's W3C {@code traceparent}, exported
 * over OTLP/HTTP when an endpoint is configured. Without one, spans are still created (their trace ids go into
 * the logs) but nothing is exported.
 */
public final class Tracing implements AutoCloseable {
    private final OpenTelemetry openTelemetry;
    private final Optional<SdkTracerProvider> provider;

    private Tracing(OpenTelemetry openTelemetry, Optional<SdkTracerProvider> provider) {
        this.openTelemetry = openTelemetry;
        this.provider = provider;
    }

    public static Tracing fromEndpoint(Optional<String> otlpEndpoint) {
        return otlpEndpoint
                .map(endpoint -> exporting(OtlpHttpSpanExporter.builder()
                        .setEndpoint(endpoint.replaceAll("/+$", "") + "/v1/traces").build(), true))
                .orElseGet(() -> exporting(null, false));
    }

    /** Spans go to the given exporter as soon as they end (tests use an in-memory one). */
    public static Tracing to(SpanExporter exporter) {
        return exporting(exporter, false);
    }

    private static Tracing exporting(SpanExporter exporter, boolean batched) {
        SdkTracerProviderBuilder builder = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.builder().put("service.name", "model-registry").build()));
        // Without an exporter, spans are still made (their trace ids go into the logs); the SDK would hand out
        // invalid, all-zero ids if it had no processor at all.
        builder.addSpanProcessor(exporter == null ? new Unexported()
                : batched ? BatchSpanProcessor.builder(exporter).build() : SimpleSpanProcessor.create(exporter));
        SdkTracerProvider provider = builder.build();
        OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(provider)
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        return new Tracing(sdk, Optional.of(provider));
    }

    /** A span processor that keeps nothing. */
    private static final class Unexported implements io.opentelemetry.sdk.trace.SpanProcessor {
        @Override
        public void onStart(io.opentelemetry.context.Context parent, io.opentelemetry.sdk.trace.ReadWriteSpan span) {
        }

        @Override
        public boolean isStartRequired() {
            return false;
        }

        @Override
        public void onEnd(io.opentelemetry.sdk.trace.ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    }

    public Tracer tracer() {
        return openTelemetry.getTracer("dev.modelregistry.server");
    }

    public OpenTelemetry openTelemetry() {
        return openTelemetry;
    }

    @Override
    public void close() {
        provider.ifPresent(SdkTracerProvider::close);
    }
}
