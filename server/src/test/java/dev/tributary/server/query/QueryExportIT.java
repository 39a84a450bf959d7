package dev.tributary.server.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.connect.files.TestingS3;
import dev.tributary.server.testing.MutableClock;
import dev.tributary.server.testing.TestingOrganization;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports of a million rows to the local file store and to a real S3 API server, downloaded through their signed links
 * and compared byte for byte with what PostgreSQL's own COPY writes; links that expired or were altered are refused.
 */
class QueryExportIT {

    private static final Logger log = LoggerFactory.getLogger(QueryExportIT.class);
    private static final int ROWS = 1_000_000;
    private static final String ALL = "SELECT id, name, amount, day FROM items ORDER BY id";

    private static final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private static final HttpClient http = HttpClient.newHttpClient();
    private static TestingPostgres source;
    private static TestingS3 s3;
    private static TestingServer files;
    private static TestingServer buckets;
    private static TestingQueries onFiles;
    private static TestingQueries onS3;
    private static String filesConnection;
    private static String s3Connection;
    private static byte[] expected;

    @BeforeAll
    static void start() throws Exception {
        source = new TestingPostgres();
        source.execute("CREATE TABLE items (id bigint PRIMARY KEY, name text, amount numeric(12,2), day date)");
        // Empty texts, NULLs, commas and quotes, so that the CSV's quoting is checked as well as its values.
        source.execute("INSERT INTO items SELECT i, CASE i % 10 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'say \"hi\", item ' || i"
                + " ELSE 'item ' || i END, CASE WHEN i % 7 = 0 THEN NULL ELSE i / 4.0 END, date '2024-01-01' + (i % 365)"
                + " FROM generate_series(1, " + ROWS + ") i");
        expected = copyAsCsv(ALL);
        s3 = new TestingS3();
        files = new TestingServer(Map.of(), clock);
        buckets = new TestingServer(Map.of("EXPORT_QUERY_BUCKET", "s3://" + TestingS3.BUCKET + "/exports?endpoint=" + s3.endpoint(),
                "EXPORT_QUERY_REGION", "us-east-1"));
        onFiles = new TestingQueries(files, TestingOrganization.create(files).memberKey());
        onS3 = new TestingQueries(buckets, TestingOrganization.create(buckets).memberKey());
        filesConnection = onFiles.postgres(source);
        s3Connection = onS3.postgres(source);
    }

    @AfterAll
    static void stop() {
        files.close();
        buckets.close();
        s3.close();
        source.close();
    }

    @Test
    void aMillionRowsExportToTheFileStoreAndDownloadByteForByteThroughTheServersSignedLink() {
        Instant now = clock.instant();
        JsonNode export = exported(onFiles, filesConnection, "csv");

        assertThat(export.get("url").asText()).startsWith("http://localhost:" + URI.create(files.base()).getPort() + "/downloads/exports?key=");
        assertThat(Instant.parse(export.get("expires_at").asText())).isEqualTo(now.plus(Duration.ofHours(1)));
        assertSameBytes(download(export.get("url").asText()), expected);
    }

    @Test
    void aMillionRowsExportToS3AndDownloadByteForByteThroughAPresignedUrl() {
        JsonNode export = exported(onS3, s3Connection, "csv");

        String url = export.get("url").asText();
        assertThat(url).startsWith(s3.endpoint() + "/" + TestingS3.BUCKET + "/exports/queries/").contains("X-Amz-Signature=");
        assertSameBytes(download(url), expected);
    }

    @Test
    void jsonLinesHoldOneObjectPerRow() {
        String query = onFiles.run(filesConnection, "SELECT id, name, amount FROM items WHERE id IN (1, 2, 7) ORDER BY id").at("/data/id").asText();
        HttpResponse<String> export = onFiles.export(query, "jsonl");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);

        HttpResponse<byte[]> download = get(TestingServer.json(export).at("/data/url").asText());

        assertThat(download.headers().firstValue("content-type")).contains("application/x-ndjson");
        assertThat(new String(download.body(), StandardCharsets.UTF_8)).isEqualTo("""
                {"id":1,"name":"","amount":0.25}
                {"id":2,"name":"say \\"hi\\", item 2","amount":0.50}
                {"id":7,"name":"item 7","amount":null}
                """);
    }

    @Test
    void aMillionRowsExportToParquetAndReadBackEqualToTheTable() throws Exception {
        String query = onS3.run(s3Connection, ALL).at("/data/id").asText();
        HttpResponse<String> export = onS3.export(query, "parquet");
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        JsonNode data = TestingServer.json(export).at("/data");
        assertThat(data.get("row_count").asLong()).isEqualTo(ROWS);

        byte[] file = download(data.get("url").asText());
        assertThat(data.get("bytes").asLong()).isEqualTo(file.length);
        Path copy = Files.createTempFile("export", ".parquet");
        Files.write(copy, file);
        long rows = 0;
        try (ParquetReader<Group> reader = new GroupReader(new LocalInputFile(copy)).build();
             Connection connection = source.connect()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.setFetchSize(10_000);
                try (ResultSet table = statement.executeQuery(ALL)) {
                    for (Group record = reader.read(); record != null; record = reader.read(), rows++) {
                        assertThat(table.next()).isTrue();
                        assertThat(record.getLong("id", 0)).isEqualTo(table.getLong("id"));
                        assertThat(record.getFieldRepetitionCount("name") == 0 ? null : record.getString("name", 0)).isEqualTo(table.getString("name"));
                        // numeric(12,2) is a Parquet DECIMAL(12,2): its unscaled value in an INT64.
                        assertThat(record.getFieldRepetitionCount("amount") == 0 ? null : BigDecimal.valueOf(record.getLong("amount", 0), 2))
                                .isEqualTo(table.getBigDecimal("amount"));
                        assertThat(LocalDate.ofEpochDay(record.getInteger("day", 0))).isEqualTo(table.getObject("day", LocalDate.class));
                    }
                    assertThat(table.next()).isFalse();
                }
            }
        } finally {
            Files.delete(copy);
        }
        assertThat(rows).isEqualTo(ROWS);
    }

    /** Parquet's own record reader, over a local file. */
    private static final class GroupReader extends ParquetReader.Builder<Group> {
        GroupReader(InputFile file) {
            super(file, new PlainParquetConfiguration());
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }

    @Test
    void aQueryThatFailedCannotBeExported() {
        String query = onFiles.run(filesConnection, "SELECT nope").at("/data/id").asText();

        HttpResponse<String> refused = onFiles.export(query, "csv");

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(TestingServer.json(refused).at("/detail").asText()).startsWith("The query is failed; only a completed query can be exported.");
    }

    @Test
    void aLinkIsRefusedOnceExpiredAndWhenAltered() {
        String query = onFiles.run(filesConnection, "SELECT id FROM items WHERE id <= 2").at("/data/id").asText();
        String url = TestingServer.json(onFiles.export(query, "csv")).at("/data/url").asText();
        assertThat(new String(get(url).body(), StandardCharsets.UTF_8)).isEqualTo("id\r\n1\r\n2\r\n");

        HttpResponse<byte[]> altered = get(url.replace("expires=", "expires=9"));
        clock.advance(Duration.ofHours(1));
        HttpResponse<byte[]> expired = get(url);

        assertThat(altered.statusCode()).isEqualTo(403);
        assertThat(new String(altered.body(), StandardCharsets.UTF_8)).contains("This download link is not valid: its signature does not match.");
        assertThat(expired.statusCode()).isEqualTo(403);
        assertThat(expired.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(new String(expired.body(), StandardCharsets.UTF_8)).contains("This download link expired at")
                .contains("export the query again for a new link.");
    }

    /** Runs the query of every row and exports it; returns the export. */
    private static JsonNode exported(TestingQueries queries, String connection, String format) {
        String query = queries.run(connection, ALL).at("/data/id").asText();
        long started = System.nanoTime();
        HttpResponse<String> export = queries.export(query, format);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        JsonNode data = TestingServer.json(export).at("/data");
        assertThat(data.get("row_count").asLong()).isEqualTo(ROWS);
        assertThat(data.get("bytes").asLong()).isEqualTo(expected.length);
        log.info("Exported {} rows ({} bytes) in {} ms", ROWS, expected.length, took.toMillis());
        return data;
    }

    private static byte[] download(String url) {
        HttpResponse<byte[]> response = get(url);
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<byte[]> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertSameBytes(byte[] actual, byte[] wanted) {
        int mismatch = Arrays.mismatch(actual, wanted);
        int from = Math.max(0, mismatch - 80);
        assertThat(mismatch).as("first difference, after: %s", mismatch < 0 ? ""
                : new String(Arrays.copyOfRange(actual, from, Math.min(actual.length, mismatch + 80)), StandardCharsets.UTF_8)).isEqualTo(-1);
    }

    /** PostgreSQL's own CSV of the query, with the CRLF line ends of RFC 4180 (no value here holds a line break). */
    private static byte[] copyAsCsv(String query) throws SQLException, IOException {
        try (Connection connection = source.connect()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new CopyManager(connection.unwrap(BaseConnection.class)).copyOut("COPY (" + query + ") TO STDOUT WITH (FORMAT csv, HEADER)", out);
            return out.toString(StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        }
    }
}
