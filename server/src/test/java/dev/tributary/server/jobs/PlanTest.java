package dev.tributary.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.jobs.Schedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlanTest {

    /** A Wednesday. */
    private static final Instant NOW = Instant.parse("2026-11-25T10:17:30Z");

    @Test
    void hourlyRunsAtItsMinuteOfEveryHour() {
        Plan plan = plan(schedule("hourly", "5", null, null, null));

        assertThat(plan.nextAfter(NOW)).contains(Instant.parse("2026-11-25T11:05:00Z"));
        assertThat(plan.nextAfter(Instant.parse("2026-11-25T11:05:00Z"))).contains(Instant.parse("2026-11-25T12:05:00Z"));
        assertThat(plan(schedule("hourly", "45", null, null, null)).nextAfter(NOW)).contains(Instant.parse("2026-11-25T10:45:00Z"));
    }

    @Test
    void dailyRunsAtItsHourAndMinuteInUtc() {
        assertThat(plan(schedule("daily", "30", "2", null, null)).nextAfter(NOW)).contains(Instant.parse("2026-11-26T02:30:00Z"));
        assertThat(plan(schedule("daily", 0 + "", "23", null, null)).nextAfter(NOW)).contains(Instant.parse("2026-11-25T23:00:00Z"));
    }

    @Test
    void weeklyRunsOnItsDayByNameOrNumber() {
        assertThat(plan(schedule("weekly", "0", "9", "monday", null)).nextAfter(NOW)).contains(Instant.parse("2026-11-30T09:00:00Z"));
        assertThat(plan(schedule("weekly", "0", "12", "Wednesday", null)).nextAfter(NOW)).contains(Instant.parse("2026-11-25T12:00:00Z"));
        assertThat(plan(schedule("weekly", "0", "9", "0", null)).nextAfter(NOW)).contains(Instant.parse("2026-11-29T09:00:00Z"));
        assertThat(plan(schedule("weekly", "0", "9", "7", null)).nextAfter(NOW)).contains(Instant.parse("2026-11-29T09:00:00Z"));
    }

    @Test
    void customFollowsItsCronExpression() {
        Plan weekdays = plan(schedule("custom", null, null, null, "*/20 8-17 * * 1-5"));

        assertThat(weekdays.nextAfter(NOW)).contains(Instant.parse("2026-11-25T10:20:00Z"));
        assertThat(weekdays.nextAfter(Instant.parse("2026-11-27T17:45:00Z"))).as("Friday evening: next Monday")
                .contains(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(plan(schedule("custom", null, null, null, "0 0 1 1 *")).nextAfter(NOW)).contains(Instant.parse("2027-01-01T00:00:00Z"));
    }

    @Test
    void multiRunsAtTheEarliestOfItsSchedules() {
        Schedule multi = new Schedule("multi", null, null, null, null, null, null, null, null, new Schedule.Multi(List.of(
                schedule("daily", "0", "6", null, null), schedule("hourly", "50", null, null, null))));

        Plan plan = plan(multi);

        assertThat(plan.nextAfter(NOW)).contains(Instant.parse("2026-11-25T10:50:00Z"));
        assertThat(plan.nextAfter(Instant.parse("2026-11-26T05:55:00Z"))).contains(Instant.parse("2026-11-26T06:00:00Z"));
    }

    @Test
    void schedulesNotDrivenByTheClockHaveNoNextTime() {
        assertThat(plan(Schedule.MANUAL).nextAfter(NOW)).isEmpty();
        assertThat(plan(schedule("continuous", null, null, null, null)).nextAfter(NOW)).isEmpty();
        UUID other = UUID.randomUUID();
        Plan after = plan(new Schedule("runafter", null, null, null, null, null, null, new Schedule.RunAfter(null, List.of(other)), true, null));
        assertThat(after.nextAfter(NOW)).isEmpty();
        assertThat(after.runAfter()).containsExactly(other);
        assertThat(after.runAfterSuccessOnly()).isTrue();
        assertThat(plan(null).frequency()).isEqualTo(Plan.Frequency.MANUAL);
    }

    @Test
    void problemsNameTheFieldAndTheFix() {
        assertThat(errors(schedule("hourly", "60", null, null, null), true))
                .containsExactly(new FieldError("schedule.minute", "'60' is not a whole number from 0 to 59 (UTC)."));
        assertThat(errors(schedule("daily", "x", null, null, null), true)).extracting(FieldError::field)
                .containsExactly("schedule.minute", "schedule.hour");
        assertThat(errors(schedule("weekly", "0", "1", "someday", null), true)).extracting(FieldError::field)
                .containsExactly("schedule.day_of_week");
        assertThat(errors(schedule("fortnightly", null, null, null, null), true).getFirst().message())
                .startsWith("must be one of manual, continuous, hourly, daily, weekly, custom, runafter, multi");
        assertThat(errors(new Schedule("multi", null, null, null, null, null, null, null, null, null), false).getFirst())
                .as("multi is for bulk syncs only").extracting(FieldError::field).isEqualTo("schedule.frequency");
        assertThat(errors(new Schedule("runafter", null, null, null, null, null, null, null, null, null), true))
                .extracting(FieldError::field).containsExactly("schedule.run_after");
        assertThat(errors(new Schedule("multi", null, null, null, null, null, null, null, null,
                new Schedule.Multi(List.of(schedule("hourly", "99", null, null, null), Schedule.MANUAL))), true))
                .extracting(FieldError::field).containsExactly("schedule.multi.schedules[0].minute", "schedule.multi.schedules[1].frequency");
    }

    @Test
    void aBadCronExpressionIsExplained() {
        List<FieldError> errors = errors(schedule("custom", null, null, null, "61 * * * *"), true);

        assertThat(errors).hasSize(1);
        assertThat(errors.getFirst().field()).isEqualTo("schedule.expression");
        assertThat(errors.getFirst().message()).startsWith("'61 * * * *' is not a valid cron expression").contains("five fields");
        assertThat(errors(schedule("custom", null, null, null, " "), true)).extracting(FieldError::field).containsExactly("schedule.expression");
        assertThat(errors(schedule("custom", null, null, null, "* * *"), true)).extracting(FieldError::field).containsExactly("schedule.expression");
    }

    @Test
    void schedulesSurviveStorage() {
        Schedule weekly = schedule("weekly", "15", "4", "friday", null);

        assertThat(Plan.fromJson(Plan.toJson(weekly))).isEqualTo(weekly);
        assertThat(Plan.toJson(weekly)).contains("\"day_of_week\":\"friday\"");
    }

    private static Schedule schedule(String frequency, String minute, String hour, String day, String expression) {
        return new Schedule(frequency, minute, hour, day, null, null, expression, null, null, null);
    }

    private static Plan plan(Schedule schedule) {
        List<FieldError> errors = new ArrayList<>();
        Optional<Plan> plan = Plan.parse(schedule, true, "schedule", errors);
        assertThat(errors).isEmpty();
        return plan.orElseThrow();
    }

    private static List<FieldError> errors(Schedule schedule, boolean multiAllowed) {
        List<FieldError> errors = new ArrayList<>();
        assertThat(Plan.parse(schedule, multiAllowed, "schedule", errors)).isEmpty();
        return errors;
    }
}
