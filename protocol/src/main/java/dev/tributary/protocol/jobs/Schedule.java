package dev.tributary.protocol.jobs;

import java.util.List;
import java.util.UUID;

/**
 * When a sync runs, all times in UTC. {@code frequency} is one of {@code manual}, {@code continuous}, {@code hourly}
 * (at {@code minute}), {@code daily} (at {@code hour}:{@code minute}), {@code weekly} (on {@code day_of_week}),
 * {@code custom} (a five-field cron {@code expression}), {@code runafter} (when the syncs in {@code run_after} have
 * finished, successfully if {@code run_after_success_only}) and, for bulk syncs, {@code multi} (several schedules).
 * Numbers may be given as strings, as the Polytomic API does.
 */
public record Schedule(String frequency, String minute, String hour, String dayOfWeek, String dayOfMonth, String month, String expression,
        RunAfter runAfter, Boolean runAfterSuccessOnly, Multi multi) {

    public static final Schedule MANUAL = new Schedule("manual", null, null, null, null, null, null, null, null, null);

    /** The syncs and bulk syncs whose finishing starts this one. */
    public record RunAfter(List<UUID> syncIds, List<UUID> bulkSyncIds) {}

    /** The schedules of a {@code multi} schedule: the sync runs at each of their times. */
    public record Multi(List<Schedule> schedules) {}
}
