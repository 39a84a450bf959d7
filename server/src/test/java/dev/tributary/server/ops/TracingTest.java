package dev.tributary.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingTest {

    @Test
    void withoutAnEndpointSpansAreNoOpsAndNoExporterThreadStarts() {
        try (Tracing tracing = Tracing.start(ConfigLoader.load(Map.of()), "test")) {
            assertThat(tracing.tracer().spanBuilder("request").startSpan().getSpanContext().isValid()).isFalse();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().startsWith("BatchSpanProcessor"));
        }
    }
}
