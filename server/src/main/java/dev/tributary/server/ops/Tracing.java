package dev.tributary.server.ops;

import dev.tributary.server.config.Config;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Traces sent over OTLP (HTTP/protobuf) to OTEL_EXPORTER_OTLP_ENDPOINT. Without it the tracer is OpenTelemetry's no-op:
 * no SDK, no exporter thread, nothing recorded.
 */
public final class Tracing implements AutoCloseable {

    private final OpenTelemetry openTelemetry;
    private final Optional<OpenTelemetrySdk> sdk;

    private Tracing(OpenTelemetry openTelemetry, Optional<OpenTelemetrySdk> sdk) {
        this.openTelemetry = openTelemetry;
        this.sdk = sdk;
    }

    public static Tracing start(Config config, String version) {
        return config.otlpEndpoint().map(endpoint -> {
            Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                    AttributeKey.stringKey("service.name"), "tributary",
                    AttributeKey.stringKey("service.version"), version,
                    AttributeKey.stringKey("deployment.environment.name"), config.mode().name().toLowerCase(Locale.ROOT),
                    AttributeKey.stringKey("tributary.deployment"), config.deployment())));
            OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint + "/v1/traces").build();
            OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
                    .setTracerProvider(SdkTracerProvider.builder().setResource(resource)
                            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build()).build())
                    .build();
            return new Tracing(sdk, Optional.of(sdk));
        }).orElseGet(() -> new Tracing(OpenTelemetry.noop(), Optional.empty()));
    }

    public Tracer tracer() {
        return openTelemetry.getTracer("dev.tributary.server");
    }

    /** Sends the spans still buffered, so that none is lost at shutdown. */
    @Override
    public void close() {
        sdk.ifPresent(running -> running.getSdkTracerProvider().shutdown().join(10, TimeUnit.SECONDS));
    }
}
