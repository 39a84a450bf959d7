package dev.tributary.server.ops;

import dev.tributary.server.jobs.Job;
import dev.tributary.server.jobs.JobKind;
import dev.tributary.server.jobs.JobResult;
import dev.tributary.server.jobs.Lease;
import dev.tributary.server.jobs.RunObserver;
import dev.tributary.server.store.Store;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** Each run as a span (kind, sync, execution, status) and in the metrics (runs, durations, rows moved). */
public final class RunObservations implements RunObserver {

    private final Store store;
    private final Tracer tracer;
    private final Metrics metrics;

    public RunObservations(Store store, Tracer tracer, Metrics metrics) {
        this.store = store;
        this.tracer = tracer;
        this.metrics = metrics;
    }

    @Override
    public JobResult observe(JobKind kind, Job job, Supplier<JobResult> run) {
        long start = System.nanoTime();
        Span span = tracer.spanBuilder(kind.name() + " run").setAttribute("tributary.kind", kind.name())
                .setAttribute("tributary.sync_id", job.subjectId().toString())
                .setAttribute("tributary.execution_id", job.executionId().toString()).startSpan();
        String status = "failed";
        try (Scope scope = span.makeCurrent()) {
            JobResult result = run.get();
            // A retriable failure is tried again: the run is interrupted, not over.
            status = result.retriable() ? "interrupted" : result.status();
            if (!result.retriable() && !result.status().equals("canceled")) {
                metrics.rows(kind.name(), rowsMoved(store.inTransaction(session -> kind.describe(session, job))));
            }
            return result;
        } catch (Lease.LeaseLostException lost) {
            // Another worker took the run over, or it was canceled: the engine ends it as canceled.
            status = "canceled";
            throw lost;
        } catch (RuntimeException | Error failure) {
            // The type only: an exception's message may quote the row it failed on.
            span.setAttribute("exception.type", failure.getClass().getName());
            throw failure;
        } finally {
            span.setAttribute("tributary.status", status);
            if (status.equals("failed")) {
                span.setStatus(StatusCode.ERROR);
            }
            span.end();
            metrics.run(kind.name(), status, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** Rows written to the destination: a bulk sync's written records, a model sync's inserts, updates and deletes. */
    private static long rowsMoved(Map<String, Object> execution) {
        return count(execution, "records_written") + count(execution, "inserts") + count(execution, "updates") + count(execution, "deletes");
    }

    private static long count(Map<String, Object> execution, String name) {
        return execution.get(name) instanceof Number number ? number.longValue() : 0;
    }
}
