package dev.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wire shapes of the API's envelopes and errors, as any JSON mapper writes them. */
class EnvelopeJsonTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void listsCarryANextPageTokenOnlyWhenThereIsAnotherPage() throws Exception {
        assertThat(mapper.writeValueAsString(new ListResponse<>(List.of("a"), new ListResponse.Pagination("t2"))))
                .isEqualTo("{\"data\":[\"a\"],\"pagination\":{\"next_page_token\":\"t2\"}}");
        assertThat(mapper.writeValueAsString(new ListResponse<>(List.of("a"), null)))
                .isEqualTo("{\"data\":[\"a\"],\"pagination\":{}}");
    }

    @Test
    void singleObjectsAreWrappedInData() throws Exception {
        assertThat(mapper.writeValueAsString(new DataResponse<>(1))).isEqualTo("{\"data\":1}");
    }

    @Test
    void problemsListFieldErrorsOnlyWhenThereAreSome() throws Exception {
        assertThat(mapper.writeValueAsString(Problem.of(404, "Not found", "No sync 42.")))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":404,\"detail\":\"No sync 42.\"}");
        Problem invalid = new Problem("about:blank", "Invalid request", 400, "name: is required.",
                List.of(new Problem.FieldError("name", "is required.")));
        assertThat(mapper.readValue(mapper.writeValueAsString(invalid), Problem.class)).isEqualTo(invalid);
    }
}
