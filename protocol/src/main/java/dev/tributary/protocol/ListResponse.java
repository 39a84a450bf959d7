package dev.tributary.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The envelope of a response carrying a list: {@code {"data": [...], "pagination": {"next_page_token": "..."}}}.
 * The next page is asked for with {@code ?page_token=}; a missing token means this was the last page.
 */
public record ListResponse<T>(List<T> data, Pagination pagination) {

    public ListResponse {
        data = List.copyOf(data);
        pagination = pagination == null ? Pagination.LAST_PAGE : pagination;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pagination(@JsonProperty("next_page_token") String nextPageToken) {
        public static final Pagination LAST_PAGE = new Pagination(null);
    }
}
