package dev.tributary.server.ops;

import dev.tributary.server.jobs.JobEngine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Duration;

/**
 * The server's metrics, scraped at {@code GET /metrics} in Prometheus text format with METRICS_TOKEN: HTTP requests by
 * route template and status, runs by kind and status with their durations, rows moved, the job queue and the JVM.
 */
public final class Metrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public Metrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The queue's depth, read from the metadata database at each scrape. */
    public void watchQueue(JobEngine jobs) {
        Gauge.builder("tributary.jobs.due", jobs, engine -> engine.health().due()).description("Runs queued and due").register(registry);
        Gauge.builder("tributary.jobs.running", jobs, engine -> engine.health().running()).description("Runs running in any container")
                .register(registry);
    }

    void request(String method, String route, int status, Duration took) {
        Timer.builder("tributary.http.requests").description("API requests by route template and status")
                .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                .register(registry).record(took);
    }

    void run(String kind, String status, Duration took) {
        Timer.builder("tributary.sync.runs").description("Runs by kind and the status they ended with on their worker")
                .tag("kind", kind).tag("status", status).register(registry).record(took);
    }

    void rows(String kind, long rows) {
        Counter.builder("tributary.sync.rows").description("Rows moved (written to destinations) by finished runs")
                .tag("kind", kind).register(registry).increment(rows);
    }

    /** {@code GET /metrics}: the gate lets only METRICS_TOKEN through. */
    public void scrape(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
        exchange.setStatusCode(200);
        exchange.getResponseSender().send(registry.scrape());
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
