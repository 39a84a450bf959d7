package dev.tributary.server.ops;

import dev.tributary.protocol.admin.ExecutionHourResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Runs that ended per hour, every kind of sync and workspace together, for the console's chart. */
public final class ExecutionCounts {

    private final DataSource dataSource;
    private final Clock clock;

    public ExecutionCounts(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** The last {@code hours} hours, the current one included, oldest first; an hour without runs counts zero. */
    public List<ExecutionHourResponse> lastHours(int hours) throws SQLException {
        Instant current = clock.instant().truncatedTo(ChronoUnit.HOURS);
        Instant from = current.minus(Duration.ofHours(hours - 1L));
        Map<Instant, long[]> counted = new HashMap<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement("""
                SELECT date_trunc('hour', finished_at AT TIME ZONE 'UTC') AS hour, count(*), count(*) FILTER (WHERE outcome = 'failed')
                FROM jobs WHERE state = 'finished' AND finished_at >= ? GROUP BY 1""")) {
            statement.setTimestamp(1, Timestamp.from(from));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Instant hour = rows.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC);
                    counted.put(hour, new long[] {rows.getLong(2), rows.getLong(3)});
                }
            }
        }
        List<ExecutionHourResponse> result = new ArrayList<>(hours);
        for (Instant hour = from; !hour.isAfter(current); hour = hour.plus(Duration.ofHours(1))) {
            long[] counts = counted.getOrDefault(hour, new long[2]);
            result.add(new ExecutionHourResponse(hour, counts[0], counts[1]));
        }
        return result;
    }
}
