package dev.tributary.server.connect.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.server.connect.json.JsonValues;
import dev.tributary.server.connect.spi.CanonicalValues;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.ModelObject;
import dev.tributary.server.connect.spi.ModelOperation;
import dev.tributary.server.connect.spi.ModelTarget;
import dev.tributary.server.connect.spi.ModelWriter;
import dev.tributary.server.connect.spi.RecordError;
import dev.tributary.server.connect.spi.RecordOutcome;
import dev.tributary.server.connect.spi.RecordOutcome.SkipReason;
import dev.tributary.server.connect.spi.Row;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends a model sync's records one request each; the identity goes in the path ({@code url/42}) or in the body:
 * <ul>
 * <li>insert new: POST to the url; 409 means the endpoint has the record, which is skipped;</li>
 * <li>update existing: {@code update_method} (PATCH or PUT); 404 means it does not, and the record is skipped;</li>
 * <li>upsert: the update, then a POST when the update answered 404 (a PUT answered 201 created the record itself);</li>
 * <li>delete: DELETE, with a body holding only the identity when it goes in the body; 404 is skipped.</li>
 * </ul>
 * Any other 4xx rejects the record with the endpoint's answer; 429 and 5xx are retried, and then fail the batch as
 * retriable. Records before the failing one were delivered: each request carries an {@code Idempotency-Key} of the
 * writer, the batch's number (counting delivered batches) and the record's place, so a batch written again sends the
 * same keys and the endpoint can recognise what it already took. Updates leave insert-only fields out of the body, so
 * an existing value is kept; an endpoint cannot be asked to fill only empty ones.
 */
final class HttpModelWriter implements ModelWriter {

    private final HttpConnector connector;
    private final RetryingSender sender;
    private final ModelObject endpoint;
    private final ModelTarget target;
    private final boolean identityInPath;
    private final String updateMethod;
    private final String runId = UUID.randomUUID().toString();
    private long delivered;

    HttpModelWriter(HttpConnector connector, RetryingSender sender, ModelObject endpoint, ModelTarget target, boolean identityInPath,
            String updateMethod) {
        this.connector = connector;
        this.sender = sender;
        this.endpoint = endpoint;
        this.target = target;
        this.identityInPath = identityInPath;
        this.updateMethod = updateMethod;
    }

    @Override
    public List<RecordOutcome> apply(ModelOperation operation, List<Row> records) {
        endpoint.checkAccepts(operation);
        target.checkIdentityFor(operation);
        long batch = delivered + 1;
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (int row = 0; row < records.size(); row++) {
            outcomes.add(apply(operation, records.get(row), row, runId + "-" + batch + "-" + (row + 1)));
        }
        delivered = batch;
        return outcomes;
    }

    private RecordOutcome apply(ModelOperation operation, Row record, int row, String key) {
        List<RecordError> unwritable = new ArrayList<>();
        Optional<ObjectNode> json = HttpBatchWriter.encode(target.fields(), record, row, unwritable);
        if (json.isEmpty()) {
            return new RecordOutcome.Rejected(unwritable.getFirst().field(), unwritable.getFirst().message());
        }
        Object identity = operation.needsIdentity() ? record.get(target.identityIndex()) : null;
        if (operation.needsIdentity() && identity == null) {
            return target.missingIdentity();
        }
        return switch (operation) {
            case INSERT_NEW -> create(json.get(), key, SkipReason.ALREADY_IN_DESTINATION);
            case UPDATE_EXISTING -> {
                HttpResponse<String> response = send(updateMethod, identity, withoutInsertOnly(json.get()), key);
                yield response.statusCode() == 404 ? RecordOutcome.skipped(SkipReason.NOT_IN_DESTINATION) : outcome(response, RecordOutcome.UPDATED);
            }
            case UPSERT -> {
                HttpResponse<String> response = send(updateMethod, identity, withoutInsertOnly(json.get()), key);
                if (response.statusCode() == 404) {
                    yield create(json.get(), key + "-create", null);
                }
                yield outcome(response, response.statusCode() == 201 ? RecordOutcome.INSERTED : RecordOutcome.UPDATED);
            }
            case DELETE -> {
                ObjectNode body = JsonValues.MAPPER.createObjectNode().set(target.identityField(), json.get().get(target.identityField()));
                HttpResponse<String> response = send("DELETE", identity, identityInPath ? null : body, key);
                yield response.statusCode() == 404 ? RecordOutcome.skipped(SkipReason.NOT_IN_DESTINATION) : outcome(response, RecordOutcome.DELETED);
            }
            case APPEND -> throw new IllegalStateException("the endpoint takes no appends; checkAccepts refused it");
        };
    }

    /** POSTs the record to the url; 409 skips it for {@code conflict}, or rejects it without one. */
    private RecordOutcome create(ObjectNode json, String key, SkipReason conflict) {
        HttpResponse<String> response = sender.send(connector.request().header("Idempotency-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(json))).build());
        if (response.statusCode() == 404 || response.statusCode() == 405) {
            throw new ConnectorException(connector.endpoint() + " answered HTTP " + response.statusCode() + " to a POST creating a record"
                    + sender.body(response) + "; check the url.");
        }
        return response.statusCode() == 409 && conflict != null ? RecordOutcome.skipped(conflict) : outcome(response, RecordOutcome.INSERTED);
    }

    /** Sends to the record's url when the identity goes in the path, else to the url; {@code body} may be null. */
    private HttpResponse<String> send(String method, Object identity, ObjectNode body, String key) {
        HttpRequest.Builder request = identityInPath
                ? connector.request(CanonicalValues.format(target.identity().type(), identity))
                : connector.request();
        request.header("Idempotency-Key", key);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = sender.send(request.method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes(body))).build());
        if (response.statusCode() == 405) {
            throw new ConnectorException(connector.endpoint() + " does not take " + method + " requests for records (HTTP 405)"
                    + (method.equals(updateMethod) ? "; check update_method." : "; turn delete_records off, or use an endpoint that deletes."));
        }
        return response;
    }

    /** 2xx is the outcome; 401 and 403 fail the sync (every record would fail alike); any other answer rejects the record. */
    private RecordOutcome outcome(HttpResponse<String> response, RecordOutcome success) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return success;
        }
        if (status == 401 || status == 403) {
            throw new ConnectorException(connector.endpoint() + " answered HTTP " + status + sender.body(response)
                    + "; check the credentials in secret_headers, such as the Authorization header.");
        }
        return new RecordOutcome.Rejected("", "the endpoint answered HTTP " + status + sender.body(response));
    }

    private ObjectNode withoutInsertOnly(ObjectNode json) {
        ObjectNode copy = json.deepCopy();
        copy.remove(target.insertOnlyFields());
        return copy;
    }

    private static byte[] bytes(ObjectNode json) {
        try {
            return JsonValues.MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    @Override
    public long retainOnly(Iterator<Object> identities) {
        endpoint.checkAcceptsRetainOnly();
        throw new IllegalStateException("an endpoint never takes REPLACE");
    }

    /** Every record is delivered when {@link #apply} returns. */
    @Override
    public void close() {}
}
