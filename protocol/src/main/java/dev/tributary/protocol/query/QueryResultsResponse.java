package dev.tributary.protocol.query;

/**
 * {@code GET /api/queries/{id}?page=N}: the query with one page of its result, and where the other pages are. Pages are
 * numbered from 1; {@code next_page} is absent on the last one.
 */
public record QueryResultsResponse(QueryResponse data, Pagination pagination) {

    public record Pagination(int page, int pages, Integer nextPage) {}
}
