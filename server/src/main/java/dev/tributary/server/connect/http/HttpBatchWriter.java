package dev.tributary.server.connect.http;

import static dev.tributary.server.connect.http.HttpConnectorFactory.BATCH_SIZE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.server.connect.json.JsonValues;
import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordError;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.WriteResult;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * POSTs each batch in requests of at most {@code batch_size} records. Every request carries an {@code Idempotency-Key}
 * made of this run's id, the batch's number and the request's number in it; a batch counts only once it is delivered,
 * so a batch written again after a failure sends the same keys and the endpoint can recognise what it already took.
 */
final class HttpBatchWriter implements BatchWriter {

    private final HttpConnector connector;
    private final RetryingSender sender;
    private final String object;
    private final String runId = UUID.randomUUID().toString();
    private long delivered;

    HttpBatchWriter(HttpConnector connector, RetryingSender sender, String object) {
        this.connector = connector;
        this.sender = sender;
        this.object = object;
    }

    /** One record on its way: its index in the batch and its JSON. */
    private record Pending(int row, ObjectNode json) {}

    @Override
    public WriteResult write(RecordBatch batch) {
        long batchNumber = delivered + 1;
        List<RecordError> rejected = new ArrayList<>();
        List<Pending> records = new ArrayList<>();
        for (int row = 0; row < batch.rows().size(); row++) {
            encode(batch.fields(), batch, row, rejected).ifPresent(records::add);
        }
        int size = (int) connector.integer(BATCH_SIZE);
        long written = 0;
        for (int start = 0, request = 1; start < records.size(); start += size, request++) {
            String key = runId + "-" + batchNumber + "-" + request;
            written += deliver(key, records.subList(start, Math.min(start + size, records.size())), rejected);
        }
        delivered = batchNumber;
        rejected.sort((a, b) -> Integer.compare(a.row(), b.row()));
        return new WriteResult(written, rejected);
    }

    /** The record as JSON, or empty after rejecting it when a value cannot be written as JSON. */
    private static Optional<Pending> encode(List<Field> fields, RecordBatch batch, int row, List<RecordError> rejected) {
        return encode(fields, batch.rows().get(row), row, rejected).map(json -> new Pending(row, json));
    }

    /** The record as a JSON object of its fields, or empty after rejecting it when a value cannot be written as JSON. */
    static Optional<ObjectNode> encode(List<Field> fields, Row record, int row, List<RecordError> rejected) {
        ObjectNode json = JsonValues.MAPPER.createObjectNode();
        for (int i = 0; i < fields.size(); i++) {
            try {
                json.set(fields.get(i).name(), JsonValues.toJson(fields.get(i).type(), record.get(i)));
            } catch (IllegalArgumentException e) {
                rejected.add(new RecordError(row, fields.get(i).name(), e.getMessage()));
                return Optional.empty();
            }
        }
        return Optional.of(json);
    }

    /**
     * Delivers the records and returns how many the endpoint took. Records it refuses by index are rejected; when it
     * refuses the whole request over some records (a 4xx listing them), the others are sent again without them.
     */
    private long deliver(String key, List<Pending> records, List<RecordError> rejected) {
        List<Pending> pending = records;
        for (int round = 0; !pending.isEmpty(); round++) {
            HttpResponse<String> response = sender.send(connector.request()
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", round == 0 ? key : key + "-" + round)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(payload(pending)))
                    .build());
            List<RecordError> refused = listedErrors(response, pending);
            rejected.addAll(refused);
            Set<Integer> refusedRows = new HashSet<>(refused.stream().map(RecordError::row).toList());
            List<Pending> remaining = pending.stream().filter(record -> !refusedRows.contains(record.row())).toList();
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return remaining.size();
            }
            if (refused.isEmpty()) {
                throw new ConnectorException(connector.endpoint() + " refused the records for " + object + " with HTTP " + status
                        + sender.body(response) + hint(status));
            }
            pending = remaining;
        }
        return 0;
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> "; check the credentials in secret_headers, such as the Authorization header.";
            case 404, 405 -> "; check the url.";
            default -> "; check what the endpoint expects.";
        };
    }

    /** The records the response lists as failed, by their index in the request. */
    private List<RecordError> listedErrors(HttpResponse<String> response, List<Pending> sent) {
        JsonNode errors;
        try {
            errors = JsonValues.MAPPER.readTree(response.body() == null ? "" : response.body()).path("errors");
        } catch (JsonProcessingException e) {
            return List.of();
        }
        List<RecordError> listed = new ArrayList<>();
        for (JsonNode error : errors) {
            JsonNode index = error.path("index");
            if (!index.canConvertToInt() || index.intValue() < 0 || index.intValue() >= sent.size()) {
                throw new ConnectorException(connector.endpoint() + " listed a failed record at index " + index
                        + ", but the request held records 0 to " + (sent.size() - 1) + "; indexes count from 0 in each request.");
            }
            listed.add(new RecordError(sent.get(index.intValue()).row(), error.path("field").asText(""),
                    error.path("message").asText("refused by the endpoint")));
        }
        return listed;
    }

    private byte[] payload(List<Pending> records) {
        ObjectNode body = JsonValues.MAPPER.createObjectNode();
        body.put("object", object);
        ArrayNode array = body.putArray("records");
        records.forEach(record -> array.add(record.json()));
        try {
            return JsonValues.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Every request of a batch is delivered when {@link #write} returns; nothing is left to send. */
    @Override
    public void finish() {}

    @Override
    public void close() {}
}
