package dev.tributary.server.connect.http;

import static dev.tributary.server.connect.CanonicalSamples.assertSameRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.connect.CanonicalSamples;
import dev.tributary.server.connect.http.TestingHttpEndpoint.Received;
import dev.tributary.server.connect.http.TestingHttpEndpoint.Reply;
import dev.tributary.server.connect.json.JsonValues;
import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.ConnectorConfig;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.IdentityMatch;
import dev.tributary.server.connect.spi.ModelObject;
import dev.tributary.server.connect.spi.ModelOperation;
import dev.tributary.server.connect.spi.ModelSyncMode;
import dev.tributary.server.connect.spi.ModelTarget;
import dev.tributary.server.connect.spi.ModelWriter;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordError;
import dev.tributary.server.connect.spi.RecordOutcome;
import dev.tributary.server.connect.spi.RecordOutcome.SkipReason;
import dev.tributary.server.connect.spi.RetriableConnectorException;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.TestResult;
import dev.tributary.server.connect.spi.TestResult.Problem;
import dev.tributary.server.connect.spi.WriteResult;
import dev.tributary.server.testing.FreePort;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP destination against a real local HTTP server; waits are recorded on a test clock instead of taken. */
class HttpConnectorIT {

    private static final List<Field> CONTACTS = List.of(
            Field.of("id", CanonicalType.INT64, false, true),
            Field.of("email", CanonicalType.STRING, true, false));

    private final TestingHttpEndpoint endpoint = startEndpoint();
    private final List<Duration> waits = new ArrayList<>();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final InstantSource clock = () -> now;
    private final Sleeper sleeper = duration -> {
        waits.add(duration);
        now = now.plus(duration);
    };

    private static TestingHttpEndpoint startEndpoint() {
        try {
            return new TestingHttpEndpoint();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("url", endpoint.url());
        settings.put("secret_headers", "Authorization: Bearer s3cret-token");
        settings.put("headers", "X-Source: tributary\nAccept: application/json");
        return settings;
    }

    private HttpConnector connector(Map<String, Object> settings) {
        ConnectorConfig config = new HttpConnectorFactory().configSpec().bind(settings);
        return new HttpConnector(config, HttpConnectorFactory.client(config), sleeper, clock);
    }

    private static RecordBatch contacts(int first, int last) {
        return new RecordBatch(CONTACTS, IntStream.rangeClosed(first, last).mapToObj(id -> new Row((long) id, "c" + id + "@example.com")).toList(),
                Checkpoint.START);
    }

    private List<Received> posts() {
        return endpoint.received().stream().filter(request -> request.method().equals("POST")).toList();
    }

    private static List<Long> ids(Received request) {
        return StreamSupport.stream(request.body().path("records").spliterator(), false).map(record -> record.path("id").longValue()).toList();
    }

    @Test
    void recordsArePostedAsJsonInRequestsOfBatchSizeWithTheConfiguredHeaders() {
        Map<String, Object> settings = settings();
        settings.put("batch_size", 2);
        WriteResult result;
        try (HttpConnector connector = connector(settings); BatchWriter writer = connector.openAppend("contacts", CONTACTS)) {
            result = writer.write(contacts(1, 5));
            writer.finish();
        }

        assertThat(result).isEqualTo(new WriteResult(5, List.of()));
        assertThat(posts()).extracting(HttpConnectorIT::ids).containsExactly(List.of(1L, 2L), List.of(3L, 4L), List.of(5L));
        Received first = posts().getFirst();
        assertThat(first.body().path("object").asText()).isEqualTo("contacts");
        assertThat(first.body().path("records").get(1).path("email").asText()).isEqualTo("c2@example.com");
        assertThat(first.headers().getFirst("Authorization")).isEqualTo("Bearer s3cret-token");
        assertThat(first.headers().getFirst("X-Source")).isEqualTo("tributary");
        assertThat(first.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(posts()).extracting(Received::idempotencyKey).doesNotHaveDuplicates().allSatisfy(key -> assertThat(key).isNotBlank());
        assertThat(waits).isEmpty();
    }

    @Test
    void everyCanonicalTypeIsSentAsJsonWithItsValueIntact() {
        try (HttpConnector connector = connector(settings()); BatchWriter writer = connector.openAppend("samples", CanonicalSamples.FIELDS)) {
            writer.write(new RecordBatch(CanonicalSamples.FIELDS, CanonicalSamples.ROWS, Checkpoint.START));
        }

        List<Row> received = new ArrayList<>();
        for (JsonNode record : posts().getFirst().body().path("records")) {
            received.add(new Row(CanonicalSamples.FIELDS.stream().map(field -> JsonValues.fromJson(field.type(), record.get(field.name()))).toArray()));
        }
        assertSameRows(CanonicalSamples.FIELDS, received, CanonicalSamples.ROWS);
        JsonNode first = posts().getFirst().body().path("records").get(0);
        assertThat(first.path("amount").isNumber()).isTrue();
        assertThat(first.path("amount").decimalValue()).isEqualByComparingTo("12345678901234567890.123456789");
        assertThat(first.path("doc").isObject()).isTrue();
        assertThat(first.path("instant").asText()).isEqualTo("2024-06-01T02:30:00.123456Z");
        assertThat(posts().getFirst().body().path("records").get(1).path("measure").asText()).isEqualTo("NaN");
    }

    @Test
    void tooManyRequestsIsRetriedAfterTheWaitTheEndpointAsksForWithTheSameKey() {
        endpoint.reply(new Reply(429, Map.of("Retry-After", "7"), "slow down"));
        WriteResult result;
        try (HttpConnector connector = connector(settings()); BatchWriter writer = connector.openAppend("contacts", CONTACTS)) {
            result = writer.write(contacts(1, 3));
        }

        assertThat(result.written()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(7));
        assertThat(posts()).hasSize(2);
        assertThat(posts().get(1).idempotencyKey()).isEqualTo(posts().get(0).idempotencyKey());
        assertThat(ids(posts().get(1))).containsExactly(1L, 2L, 3L);
    }

    @Test
    void retryAfterGivenAsAnHttpDateIsHonoured() {
        endpoint.reply(new Reply(503, Map.of("Retry-After", "Thu, 01 Jan 2026 00:01:30 GMT"), ""));
        try (HttpConnector connector = connector(settings()); BatchWriter writer = connector.openAppend("contacts", CONTACTS)) {
            writer.write(contacts(1, 1));
        }

        assertThat(waits).containsExactly(Duration.ofSeconds(90));
    }

    @Test
    void serverErrorsAreRetriedWithGrowingWaitsUntilTheEndpointTakesTheBatch() {
        endpoint.reply(Reply.of(500, "oops"), Reply.of(502, ""));
        WriteResult result;
        try (HttpConnector connector = connector(settings()); BatchWriter writer = connector.openAppend("contacts", CONTACTS)) {
            result = writer.write(contacts(1, 2));
        }

        assertThat(result).isEqualTo(new WriteResult(2, List.of()));
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(posts()).extracting(Received::idempotencyKey).containsOnly(posts().getFirst().idempotencyKey());
    }

    @Test
    void anEndpointThatKeepsFailingEndsInARetriableFailureAndTheBatchWrittenAgainKeepsItsKey() {
        Map<String, Object> settings = settings();
        settings.put("max_retries", 1);
        endpoint.reply(Reply.of(500, "down"), Reply.of(500, "still down"));
        try (HttpConnector connector = connector(settings); BatchWriter writer = connector.openAppend("contacts", CONTACTS)) {
            assertThatThrownBy(() -> writer.write(contacts(1, 2)))
                    .isInstanceOf(RetriableConnectorException.class)
                    .hasMessageContaining("answered HTTP 500 2 times for contacts: still down");

            writer.write(contacts(1, 2));
            writer.write(contacts(3, 4));
        }

        List<String> keys = posts().stream().map(Received::idempotencyKey).toList();
        assertThat(keys).hasSize(4);
        assertThat(keys.subList(0, 3)).containsOnly(keys.getFirst());
        assertThat(keys.get(3)).isNotEqualTo(keys.getFirst());
        assertThat(ids(posts().get(3))).containsExactly(3L, 4L);
    }

    @Test
    void recordsTheEndpointRefusesByIndexBecomeRecordErrorsAndTheOthersAreSentAgainWithoutThem() {
        endpoint.reply(Reply.of(400, """
                {"errors": [{"index": 1, "field": "email", "message": "is not a valid email address"},
                            {"index": 3, "message": "duplicate contact"}]}"""));
        WriteResult result;
        try (HttpConnector connector = connector(settings()); BatchWriter writer = connector.openAppend("contacts", CONTACTS)) {
            result = writer.write(contacts(1, 5));
        }

        assertThat(result.written()).isEqualTo(3);
        assertThat(result.rejected()).containsExactly(
                new RecordError(1, "email", "is not a valid email address"),
                new RecordError(3, "", "duplicate contact"));
        assertThat(posts()).hasSize(2);
        assertThat(ids(posts().get(1))).containsExactly(1L, 3L, 5L);
        assertThat(posts().get(1).idempotencyKey()).isEqualTo(posts().get(0).idempotencyKey() + "-1");
        assertThat(waits).isEmpty();
    }

    @Test
    void recordsListedAsFailedInASuccessfulAnswerAreRejectedAndTheRestCountAsWritten() {
        endpoint.reply(Reply.of(207, "{\"errors\": [{\"index\": 0, \"field\": \"id\", \"message\": \"unknown contact\"}]}"));
        WriteResult result;
        try (HttpConnector connector = connector(settings()); BatchWriter writer = connector.openAppend("contacts", CONTACTS)) {
            result = writer.write(contacts(1, 2));
        }

        assertThat(result).isEqualTo(new WriteResult(1, List.of(new RecordError(0, "id", "unknown contact"))));
        assertThat(posts()).hasSize(1);
    }

    @Test
    void aRefusalWithoutFailedRecordsIsAPermanentFailureThatNamesTheSettingAndHidesTheSecret() {
        endpoint.reply(Reply.of(401, "{\"error\": \"token {authorization} expired\"}"));
        try (HttpConnector connector = connector(settings()); BatchWriter writer = connector.openAppend("contacts", CONTACTS)) {
            assertThatThrownBy(() -> writer.write(contacts(1, 2)))
                    .isInstanceOf(ConnectorException.class)
                    .isNotInstanceOf(RetriableConnectorException.class)
                    .hasMessage(endpoint.url() + " refused the records for contacts with HTTP 401: {\"error\": \"token **** expired\"};"
                            + " check the credentials in secret_headers, such as the Authorization header.");
        }
        assertThat(waits).isEmpty();
    }

    @Test
    void requestsAreSpacedToTheRateLimit() {
        Map<String, Object> settings = settings();
        settings.put("rate_limit", 4);
        settings.put("batch_size", 1);
        try (HttpConnector connector = connector(settings); BatchWriter writer = connector.openAppend("contacts", CONTACTS)) {
            writer.write(contacts(1, 3));
        }

        assertThat(posts()).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofMillis(250), Duration.ofMillis(250));
    }

    @Test
    void testPassesAgainstAnAnsweringEndpointAndReportsRefusedCredentials() {
        try (HttpConnector connector = connector(settings())) {
            assertThat(connector.test()).isInstanceOf(TestResult.Passed.class);
            endpoint.reply(Reply.of(403, ""));
            assertThat(connector.test()).isEqualTo(new TestResult.Failed(Problem.WRONG_CREDENTIALS, endpoint.url()
                    + " answered HTTP 403; check the credentials in secret_headers, such as the Authorization header."));
        }
        assertThat(endpoint.received()).extracting(Received::method).containsOnly("HEAD");
    }

    @Test
    void messagesNameTheEndpointWithoutItsQueryWhichMayHoldAToken() {
        Map<String, Object> settings = settings();
        settings.put("url", endpoint.url() + "?api_key=query-secret");
        endpoint.reply(Reply.of(404, ""), Reply.of(404, ""));

        try (HttpConnector connector = connector(settings); BatchWriter writer = connector.openAppend("contacts", CONTACTS)) {
            assertThat(connector.test()).isEqualTo(new TestResult.Passed(endpoint.url() + " answered HTTP 404"));
            assertThatThrownBy(() -> writer.write(contacts(1, 1)))
                    .hasMessage(endpoint.url() + " refused the records for contacts with HTTP 404; check the url.");
        }
    }

    @Test
    void testReportsAnEndpointNobodyListensOn() {
        Map<String, Object> settings = settings();
        settings.put("url", "http://127.0.0.1:" + FreePort.find() + "/records");

        try (HttpConnector connector = connector(settings)) {
            assertThat(connector.test()).isInstanceOfSatisfying(TestResult.Failed.class,
                    failed -> assertThat(failed.problem()).isEqualTo(Problem.HOST_UNREACHABLE));
        }
    }

    @Test
    void urlsThatReachCloudMetadataAreRefusedInTheTestAndOnConnect() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/latest/api/token")) {
            Map<String, Object> settings = settings();
            settings.put("url", url);
            try (HttpConnector connector = connector(settings)) {
                assertThat(connector.test()).isInstanceOfSatisfying(TestResult.Failed.class,
                        failed -> assertThat(failed.message()).startsWith("url points to").contains("link-local"));
                assertThatThrownBy(() -> connector.openAppend("contacts", CONTACTS)).isInstanceOf(ConnectorException.class)
                        .hasMessageContaining("cloud instance metadata");
            }
        }
    }

    @Test
    void headersTheClientSetsItselfAreRefusedNamingTheSetting() {
        Map<String, Object> settings = settings();
        settings.put("headers", "Host: elsewhere.example.com");

        assertThatThrownBy(() -> connector(settings)).isInstanceOf(ConnectorException.class)
                .hasMessage("headers sets Host, which the HTTP client sets itself; remove that line.");
    }

    @Test
    void settingsPrintWithoutTheSecretHeaders() {
        assertThat(new HttpConnectorFactory().configSpec().bind(settings()).toString())
                .contains("secret_headers=****").doesNotContain("s3cret-token");
        assertThat(new HttpConnectorFactory().configSpec().sensitiveFields()).containsExactly("secret_headers");
    }

    // --- model syncs ---

    private static ModelTarget contactsById() {
        return ModelTarget.of("/records", CONTACTS, "id");
    }

    private static List<Row> contactRows(long... ids) {
        return LongStream.of(ids).mapToObj(id -> new Row(id, "c" + id + "@example.com")).toList();
    }

    private List<String> requestLines() {
        return endpoint.received().stream().map(request -> request.method() + " " + request.path()).toList();
    }

    @Test
    void theEndpointIsTheOneModelSyncObjectWithTheModesItsSettingsAllow() {
        Map<String, Object> settings = settings();
        try (HttpConnector connector = connector(settings)) {
            assertThat(connector.modelTargets()).containsExactly(
                    new ModelObject("/records", Set.of(ModelSyncMode.CREATE, ModelSyncMode.UPDATE, ModelSyncMode.UPDATE_OR_CREATE)));
            assertThat(connector.modelTarget("/records").orElseThrow().anyField()).isTrue();
            assertThat(connector.modelTarget("/other")).isEmpty();
        }
        settings.put("delete_records", true);
        try (HttpConnector connector = connector(settings)) {
            assertThat(connector.modelTargets().getFirst().modes()).contains(ModelSyncMode.REMOVE);
        }
    }

    @Test
    void insertNewPostsEachRecordAndSkipsThoseTheEndpointAlreadyHas() {
        endpoint.reply(Reply.of(201, "{}"), Reply.of(409, "exists"));
        List<RecordOutcome> outcomes;
        try (HttpConnector connector = connector(settings()); ModelWriter writer = connector.openModelWrite(contactsById())) {
            outcomes = writer.apply(ModelOperation.INSERT_NEW, contactRows(1, 2));
        }

        assertThat(outcomes).containsExactly(RecordOutcome.INSERTED, RecordOutcome.skipped(SkipReason.ALREADY_IN_DESTINATION));
        assertThat(requestLines()).containsExactly("POST /records", "POST /records");
        assertThat(endpoint.received().get(1).body().path("email").asText()).isEqualTo("c2@example.com");
        assertThat(endpoint.received()).extracting(Received::idempotencyKey).doesNotHaveDuplicates();
    }

    @Test
    void updateWithTheIdentityInThePathSendsTheUpdateMethodWithoutInsertOnlyFieldsAndSkipsUnknownRecords() {
        Map<String, Object> settings = settings();
        settings.put("identity_in", "path");
        endpoint.reply(Reply.of(200, "{}"), Reply.of(404, "no such contact"));
        List<RecordOutcome> outcomes;
        ModelTarget target = new ModelTarget("/records", CONTACTS, "id", IdentityMatch.EXACT, Set.of("email"));
        try (HttpConnector connector = connector(settings); ModelWriter writer = connector.openModelWrite(target)) {
            outcomes = writer.apply(ModelOperation.UPDATE_EXISTING, contactRows(1, 2));
        }

        assertThat(outcomes).containsExactly(RecordOutcome.UPDATED, RecordOutcome.skipped(SkipReason.NOT_IN_DESTINATION));
        assertThat(requestLines()).containsExactly("PATCH /records/1", "PATCH /records/2");
        assertThat(endpoint.received().getFirst().body().has("email")).isFalse();
        assertThat(endpoint.received().getFirst().body().path("id").longValue()).isEqualTo(1);
    }

    @Test
    void upsertCreatesTheRecordsTheUpdateDidNotFind() {
        Map<String, Object> settings = settings();
        settings.put("identity_in", "path");
        endpoint.reply(Reply.of(404, ""), Reply.of(201, "{}"), Reply.of(204, ""));
        List<RecordOutcome> outcomes;
        try (HttpConnector connector = connector(settings); ModelWriter writer = connector.openModelWrite(contactsById())) {
            outcomes = writer.apply(ModelOperation.UPSERT, contactRows(1, 2));
        }

        assertThat(outcomes).containsExactly(RecordOutcome.INSERTED, RecordOutcome.UPDATED);
        assertThat(requestLines()).containsExactly("PATCH /records/1", "POST /records", "PATCH /records/2");
        assertThat(endpoint.received().get(1).body().path("email").asText()).isEqualTo("c1@example.com");
    }

    @Test
    void upsertWithPutCountsACreatedAnswerAsAnInsert() {
        Map<String, Object> settings = settings();
        settings.put("identity_in", "path");
        settings.put("update_method", "PUT");
        endpoint.reply(Reply.of(201, "{}"), Reply.of(200, "{}"));
        List<RecordOutcome> outcomes;
        try (HttpConnector connector = connector(settings); ModelWriter writer = connector.openModelWrite(ModelTarget.of("/records", CONTACTS, "email"))) {
            outcomes = writer.apply(ModelOperation.UPSERT, contactRows(1, 2));
        }

        assertThat(outcomes).containsExactly(RecordOutcome.INSERTED, RecordOutcome.UPDATED);
        assertThat(requestLines()).containsExactly("PUT /records/c1%40example.com", "PUT /records/c2%40example.com");
    }

    @Test
    void deleteWithTheIdentityInTheBodySendsOnlyTheIdentityAndSkipsUnknownRecords() {
        Map<String, Object> settings = settings();
        settings.put("delete_records", true);
        endpoint.reply(Reply.of(204, ""), Reply.of(404, ""));
        List<RecordOutcome> outcomes;
        try (HttpConnector connector = connector(settings); ModelWriter writer = connector.openModelWrite(contactsById())) {
            outcomes = writer.apply(ModelOperation.DELETE, contactRows(1, 2));
        }

        assertThat(outcomes).containsExactly(RecordOutcome.DELETED, RecordOutcome.skipped(SkipReason.NOT_IN_DESTINATION));
        assertThat(requestLines()).containsExactly("DELETE /records", "DELETE /records");
        assertThat(endpoint.received().getFirst().text()).isEqualTo("{\"id\":1}");
    }

    @Test
    void deleteIsRefusedUnlessDeleteRecordsIsOn() {
        try (HttpConnector connector = connector(settings()); ModelWriter writer = connector.openModelWrite(contactsById())) {
            assertThatThrownBy(() -> writer.apply(ModelOperation.DELETE, contactRows(1)))
                    .isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("does not take DELETE")
                    .hasMessageContaining("CREATE, UPDATE, UPDATE_OR_CREATE");
        }
        assertThat(endpoint.received()).isEmpty();
    }

    @Test
    void aRecordTheEndpointRefusesIsRejectedWithItsAnswerAndTheOthersAreApplied() {
        endpoint.reply(Reply.of(201, "{}"), Reply.of(422, "{\"message\": \"email is invalid\"}"), Reply.of(201, "{}"));
        List<RecordOutcome> outcomes;
        try (HttpConnector connector = connector(settings()); ModelWriter writer = connector.openModelWrite(contactsById())) {
            outcomes = writer.apply(ModelOperation.INSERT_NEW, contactRows(1, 2, 3));
        }

        assertThat(outcomes).containsExactly(RecordOutcome.INSERTED,
                new RecordOutcome.Rejected("", "the endpoint answered HTTP 422: {\"message\": \"email is invalid\"}"), RecordOutcome.INSERTED);
        assertThat(endpoint.received()).hasSize(3);
    }

    @Test
    void aRecordAnsweredUnavailableIsSentAgainWithTheSameKey() {
        endpoint.reply(Reply.of(503, "busy"), Reply.of(200, "{}"));
        List<RecordOutcome> outcomes;
        try (HttpConnector connector = connector(settings()); ModelWriter writer = connector.openModelWrite(contactsById())) {
            outcomes = writer.apply(ModelOperation.UPDATE_EXISTING, contactRows(1));
        }

        assertThat(outcomes).containsExactly(RecordOutcome.UPDATED);
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
        assertThat(endpoint.received()).hasSize(2).extracting(Received::idempotencyKey).containsOnly(endpoint.received().getFirst().idempotencyKey());
    }

    @Test
    void anEndpointThatStaysUnavailableFailsTheBatchAsRetriableAndTheBatchWrittenAgainKeepsItsKeys() {
        Map<String, Object> settings = settings();
        settings.put("max_retries", 1);
        endpoint.reply(Reply.of(201, "{}"), Reply.of(503, "down"), Reply.of(503, "still down"));
        try (HttpConnector connector = connector(settings); ModelWriter writer = connector.openModelWrite(contactsById())) {
            assertThatThrownBy(() -> writer.apply(ModelOperation.INSERT_NEW, contactRows(1, 2)))
                    .isInstanceOf(RetriableConnectorException.class)
                    .hasMessageContaining("answered HTTP 503 2 times for /records: still down");

            endpoint.reply(Reply.of(409, "exists"));
            assertThat(writer.apply(ModelOperation.INSERT_NEW, contactRows(1, 2)))
                    .containsExactly(RecordOutcome.skipped(SkipReason.ALREADY_IN_DESTINATION), RecordOutcome.INSERTED);
        }

        List<String> keys = endpoint.received().stream().map(Received::idempotencyKey).toList();
        assertThat(keys).hasSize(5);
        assertThat(keys.get(3)).isEqualTo(keys.get(0));
        assertThat(keys.get(4)).isEqualTo(keys.get(1));
    }

    @Test
    void caseInsensitiveIdentitiesAreRefusedAsTheEndpointMatchesThemItself() {
        try (HttpConnector connector = connector(settings())) {
            assertThatThrownBy(() -> connector.openModelWrite(new ModelTarget("/records", CONTACTS, "email", IdentityMatch.CASE_INSENSITIVE, Set.of())))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("choose exact matching");
        }
    }
}
