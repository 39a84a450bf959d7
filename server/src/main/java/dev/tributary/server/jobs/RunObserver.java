package dev.tributary.server.jobs;

import java.util.function.Supplier;

/** Wraps each run on its worker, so that traces and metrics see it without the engine knowing them. */
public interface RunObserver {

    RunObserver NONE = (kind, job, run) -> run.get();

    /** Runs {@code run} (the kind's run of the job) and returns its result, or lets its failure through. */
    JobResult observe(JobKind kind, Job job, Supplier<JobResult> run);
}
