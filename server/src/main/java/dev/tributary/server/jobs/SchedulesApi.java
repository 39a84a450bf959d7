package dev.tributary.server.jobs;

import dev.tributary.protocol.ListResponse;
import dev.tributary.protocol.jobs.FrequencyResponse;
import dev.tributary.server.http.HttpResponses;
import io.undertow.server.HttpServerExchange;
import java.util.List;

/** {@code GET /api/syncs/schedules}: the schedule frequencies syncs and bulk syncs may have, and the fields each reads. */
public final class SchedulesApi {

    public void frequencies(HttpServerExchange exchange) {
        List<FrequencyResponse> frequencies = JobEngine.frequencies().stream()
                .map(frequency -> new FrequencyResponse(frequency.apiName(), frequency.description(), frequency.fields(),
                        frequency == Plan.Frequency.MULTI))
                .toList();
        HttpResponses.json(exchange, 200, new ListResponse<>(frequencies, null));
    }
}
