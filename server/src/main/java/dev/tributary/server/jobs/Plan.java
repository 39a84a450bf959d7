package dev.tributary.server.jobs;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.jobs.Schedule;
import dev.tributary.server.http.Json;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A schedule checked and ready to answer "when next?". Timed frequencies become one UNIX cron expression each, so hourly,
 * daily, weekly and custom schedules share one well-tested calculation; all times are UTC.
 */
public final class Plan {

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final List<String> DAYS = List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");

    private final Schedule spec;
    private final Frequency frequency;
    private final List<Cron> times;
    private final Set<UUID> runAfter;

    private Plan(Schedule spec, Frequency frequency, List<Cron> times, Set<UUID> runAfter) {
        this.spec = spec;
        this.frequency = frequency;
        this.times = times;
        this.runAfter = runAfter;
    }

    public static Plan manual() {
        return new Plan(Schedule.MANUAL, Frequency.MANUAL, List.of(), Set.of());
    }

    /**
     * Checks a schedule; problems are added to {@code errors} under {@code field} (such as {@code schedule.hour}) and the
     * plan is empty. {@code multiAllowed} is true for bulk syncs.
     */
    public static Optional<Plan> parse(Schedule spec, boolean multiAllowed, String field, List<FieldError> errors) {
        if (spec == null) {
            return Optional.of(manual());
        }
        int before = errors.size();
        Optional<Frequency> frequency = Frequency.named(spec.frequency());
        if (frequency.isEmpty() || (frequency.get() == Frequency.MULTI && !multiAllowed)) {
            errors.add(new FieldError(field + ".frequency", "must be one of " + Frequency.names(multiAllowed)
                    + " (GET /api/syncs/schedules describes them)."));
            return Optional.empty();
        }
        List<Cron> times = new ArrayList<>();
        Set<UUID> after = new LinkedHashSet<>();
        switch (frequency.get()) {
            case MANUAL, CONTINUOUS -> { }
            case HOURLY -> cron(number(spec.minute(), field + ".minute", 0, 59, errors) + " * * * *", field, errors).ifPresent(times::add);
            case DAILY -> cron(number(spec.minute(), field + ".minute", 0, 59, errors) + " " + number(spec.hour(), field + ".hour", 0, 23, errors)
                    + " * * *", field, errors).ifPresent(times::add);
            case WEEKLY -> cron(number(spec.minute(), field + ".minute", 0, 59, errors) + " " + number(spec.hour(), field + ".hour", 0, 23, errors)
                    + " * * " + day(spec.dayOfWeek(), field + ".day_of_week", errors), field, errors).ifPresent(times::add);
            case CUSTOM -> {
                if (spec.expression() == null || spec.expression().isBlank()) {
                    errors.add(new FieldError(field + ".expression", "is required for a custom schedule: five cron fields, minute hour"
                            + " day-of-month month day-of-week, in UTC (for example \"30 2 * * 1-5\")."));
                } else {
                    cron(spec.expression().trim(), field + ".expression", errors).ifPresent(times::add);
                }
            }
            case RUNAFTER -> {
                Schedule.RunAfter runAfter = spec.runAfter();
                Stream.concat(runAfter == null || runAfter.syncIds() == null ? Stream.empty() : runAfter.syncIds().stream(),
                        runAfter == null || runAfter.bulkSyncIds() == null ? Stream.empty() : runAfter.bulkSyncIds().stream())
                        .forEach(after::add);
                if (after.isEmpty()) {
                    errors.add(new FieldError(field + ".run_after", "must name at least one sync in sync_ids or bulk_sync_ids."));
                }
            }
            case MULTI -> {
                List<Schedule> parts = spec.multi() == null || spec.multi().schedules() == null ? List.of() : spec.multi().schedules();
                if (parts.isEmpty()) {
                    errors.add(new FieldError(field + ".multi.schedules", "must hold at least one schedule."));
                }
                for (int i = 0; i < parts.size(); i++) {
                    String part = field + ".multi.schedules[" + i + "]";
                    Optional<Plan> plan = parse(parts.get(i), false, part, errors);
                    if (plan.isPresent() && plan.get().times.isEmpty()) {
                        errors.add(new FieldError(part + ".frequency", "must be hourly, daily, weekly or custom inside a multi schedule."));
                    }
                    plan.ifPresent(p -> times.addAll(p.times));
                }
            }
        }
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Plan(spec, frequency.get(), List.copyOf(times), Set.copyOf(after)));
    }

    public Schedule spec() {
        return spec;
    }

    public Frequency frequency() {
        return frequency;
    }

    /** The syncs (of any kind) whose finishing starts a {@code runafter} schedule. */
    public Set<UUID> runAfter() {
        return runAfter;
    }

    public boolean runAfterSuccessOnly() {
        return Boolean.TRUE.equals(spec.runAfterSuccessOnly());
    }

    /** The first scheduled time strictly after {@code after}; empty for schedules that are not driven by the clock. */
    public Optional<Instant> nextAfter(Instant after) {
        ZonedDateTime from = after.atZone(ZoneOffset.UTC);
        return times.stream().map(cron -> ExecutionTime.forCron(cron).nextExecution(from))
                .flatMap(Optional::stream).map(ZonedDateTime::toInstant).min(Comparator.naturalOrder());
    }

    /** A schedule as stored beside its sync. */
    public static String toJson(Schedule schedule) {
        try {
            return Json.mapper().writeValueAsString(schedule);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Schedule fromJson(String json) {
        try {
            return Json.mapper().readValue(json, Schedule.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<Cron> cron(String expression, String field, List<FieldError> errors) {
        if (expression.contains("?")) {
            // A part above was invalid and already reported.
            return Optional.empty();
        }
        try {
            Cron cron = CRON.parse(expression);
            cron.validate();
            return Optional.of(cron);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, "'" + expression + "' is not a valid cron expression (" + e.getMessage()
                    + "); use five fields: minute hour day-of-month month day-of-week, in UTC."));
            return Optional.empty();
        }
    }

    /** The number as text, or "?" after reporting the problem. */
    private static String number(String text, String field, int min, int max, List<FieldError> errors) {
        String problem = "is required: a whole number from " + min + " to " + max + " (UTC).";
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, problem));
            return "?";
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return Integer.toString(value);
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted range.
        }
        errors.add(new FieldError(field, "'" + text + "' " + problem.replace("is required: ", "is not ")));
        return "?";
    }

    /** A day of the week by name ("monday") or number (0 or 7 = Sunday), as cron's 0 to 6. */
    private static String day(String text, String field, List<FieldError> errors) {
        if (text != null) {
            String value = text.trim().toLowerCase(Locale.ROOT);
            int index = DAYS.indexOf(value);
            if (index >= 0) {
                return Integer.toString(index);
            }
            if (value.matches("[0-7]")) {
                return Integer.toString(Integer.parseInt(value) % 7);
            }
        }
        errors.add(new FieldError(field, "is required for a weekly schedule: a day name such as monday, or 0 to 6 with 0 = Sunday."));
        return "?";
    }

    /** The schedule frequencies, as the API names them. */
    public enum Frequency {
        MANUAL("only when started by hand or through the API", List.of()),
        CONTINUOUS("again as soon as the last run ends, at most once a minute", List.of()),
        HOURLY("every hour at the given minute", List.of("minute")),
        DAILY("every day at the given hour and minute", List.of("hour", "minute")),
        WEEKLY("every week on the given day at the given hour and minute", List.of("day_of_week", "hour", "minute")),
        CUSTOM("at the times of a five-field cron expression", List.of("expression")),
        RUNAFTER("after the listed syncs have all finished", List.of("run_after", "run_after_success_only")),
        MULTI("at the times of each of several schedules (bulk syncs only)", List.of("multi"));

        private static final Map<String, Frequency> BY_NAME = Stream.of(values())
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Frequency::apiName, f -> f));

        private final String description;
        private final List<String> fields;

        Frequency(String description, List<String> fields) {
            this.description = description;
            this.fields = fields;
        }

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public String description() {
            return description;
        }

        public List<String> fields() {
            return fields;
        }

        static Optional<Frequency> named(String name) {
            return Optional.ofNullable(name).map(n -> BY_NAME.get(n.trim().toLowerCase(Locale.ROOT)));
        }

        static String names(boolean multiAllowed) {
            return String.join(", ", Stream.of(values()).filter(f -> multiAllowed || f != MULTI).map(Frequency::apiName).toList());
        }
    }
}
