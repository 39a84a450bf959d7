package dev.tributary.server.connect.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.server.connect.BaseDestinationConnectorTest;
import dev.tributary.server.connect.BaseSourceConnectorTest;
import dev.tributary.server.connect.objects.Content;
import dev.tributary.server.connect.parquet.ParquetTypes;
import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.CanonicalValues;
import dev.tributary.server.connect.spi.Checkpoint;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorConfig;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.ConnectorFactory;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ModelSyncMode;
import dev.tributary.server.connect.spi.InvalidConfigurationException;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.ReadRequest;
import dev.tributary.server.connect.spi.RecordBatch;
import dev.tributary.server.connect.spi.RecordReader;
import dev.tributary.server.connect.spi.RetriableConnectorException;
import dev.tributary.server.connect.spi.Row;
import dev.tributary.server.connect.spi.TestResult;
import dev.tributary.server.connect.spi.TestResult.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The files connector against a local directory and against a real S3 API server running in this JVM: the shared
 * contracts on both, then what is the files connector's own.
 */
class FilesConnectorIT {

    /** Files are only appended to by model syncs. */
    private static final Set<ModelSyncMode> APPEND_ONLY = Set.of(ModelSyncMode.APPEND);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static TestingS3 s3;

    private final FilesConnectorFactory factory = new FilesConnectorFactory();
    private final Path directory = createDirectory();
    private final String prefix = "run" + PREFIXES.incrementAndGet() + "/";

    @BeforeAll
    static void startS3() throws Exception {
        s3 = new TestingS3();
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    private static Path createDirectory() {
        try {
            return Files.createTempDirectory("files-connector");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void deleteDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private Map<String, Object> localSettings(String format) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("kind", "local");
        settings.put("path", directory.toString());
        settings.put("format", format);
        return settings;
    }

    private Map<String, Object> s3Settings(String format) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("kind", "s3");
        settings.put("bucket", TestingS3.BUCKET);
        settings.put("prefix", prefix);
        settings.put("endpoint", s3.endpoint());
        settings.put("path_style", true);
        settings.put("access_key_id", TestingS3.ACCESS_KEY_ID);
        settings.put("secret_access_key", TestingS3.SECRET_ACCESS_KEY);
        settings.put("format", format);
        return settings;
    }

    private Connector connector(Map<String, Object> settings) {
        return factory.create(factory.configSpec().bind(settings));
    }

    private void writeLocal(String key, String content) {
        try {
            Path file = directory.resolve(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeS3(String key, String content) {
        s3.client().putObject(request -> request.bucket(TestingS3.BUCKET).key(prefix + key), RequestBody.fromString(content));
    }

    private void writeLocal(String key, byte[] content) {
        try {
            Path file = directory.resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- fixtures written by hand, as another tool would ---

    /** The schema file of an object, as this connector documents it. */
    private static String schemaFile(List<Field> fields) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode array = root.putArray("fields");
        fields.forEach(field -> array.addObject().put("name", field.name()).put("type", field.type().displayName())
                .put("nullable", field.nullable()).put("primary_key", field.primaryKey()));
        return root.toString();
    }

    /** RFC 4180 CSV with every text quoted and no value left empty; arrays as JSON arrays of text. */
    private static String csv(List<Field> fields, List<Row> rows) {
        StringBuilder csv = new StringBuilder(String.join(",", fields.stream().map(Field::name).toList())).append("\n");
        for (Row row : rows) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < fields.size(); i++) {
                String text = text(fields.get(i).type(), row.get(i));
                values.add(text == null ? "" : "\"" + text.replace("\"", "\"\"") + "\"");
            }
            csv.append(String.join(",", values)).append("\n");
        }
        return csv.toString();
    }

    private static String text(CanonicalType type, Object value) {
        if (value == null) {
            return null;
        }
        return switch (type) {
            case CanonicalType.Json ignored -> (String) value;
            case CanonicalType.Array array -> {
                ArrayNode items = JSON.createArrayNode();
                ((List<?>) value).forEach(item -> items.add(item == null ? null : CanonicalValues.format(array.element(), item)));
                yield items.toString();
            }
            default -> CanonicalValues.format(type, value);
        };
    }

    /**
     * A Parquet file written through Parquet's own example writer, with the values converted here to Parquet's physical
     * representation, so the connector's reads are checked against another writer than its own.
     */
    private static byte[] parquet(List<Field> fields, List<Row> rows) {
        MessageType schema = ParquetTypes.schema(fields);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new ByteArrayOutputFile(bytes)).withType(schema)
                .withConf(new PlainParquetConfiguration()).build()) {
            SimpleGroupFactory groups = new SimpleGroupFactory(schema);
            for (Row row : rows) {
                Group group = groups.newGroup();
                for (int i = 0; i < fields.size(); i++) {
                    if (row.get(i) != null) {
                        addParquet(group, i, fields.get(i).type(), row.get(i));
                    }
                }
                writer.write(group);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void addParquet(Group group, int field, CanonicalType type, Object value) {
        switch (type) {
            case CanonicalType.BooleanType ignored -> group.add(field, (Boolean) value);
            case CanonicalType.Int16 ignored -> group.add(field, (int) (Short) value);
            case CanonicalType.Int32 ignored -> group.add(field, (Integer) value);
            case CanonicalType.Int64 ignored -> group.add(field, (Long) value);
            case CanonicalType.Decimal decimal when !decimal.bounded() -> group.add(field, ((BigDecimal) value).toPlainString());
            case CanonicalType.Decimal decimal when decimal.precision() <= 18 -> group.add(field, ((BigDecimal) value).setScale(decimal.scale()).unscaledValue().longValueExact());
            case CanonicalType.Decimal decimal -> {
                BigInteger unscaled = ((BigDecimal) value).setScale(decimal.scale()).unscaledValue();
                int width = ((PrimitiveType) group.getType().getType(field)).getTypeLength();
                byte[] fixed = new byte[width];
                byte[] minimal = unscaled.toByteArray();
                for (int i = 0; i < width; i++) {
                    int from = i - (width - minimal.length);
                    fixed[i] = from >= 0 ? minimal[from] : (byte) (unscaled.signum() < 0 ? -1 : 0);
                }
                group.add(field, Binary.fromConstantByteArray(fixed));
            }
            case CanonicalType.Float32 ignored -> group.add(field, (Float) value);
            case CanonicalType.Float64 ignored -> group.add(field, (Double) value);
            case CanonicalType.StringType ignored -> group.add(field, (String) value);
            case CanonicalType.Json ignored -> group.add(field, (String) value);
            case CanonicalType.Bytes ignored -> group.add(field, Binary.fromConstantByteArray((byte[]) value));
            case CanonicalType.Date ignored -> group.add(field, (int) ((LocalDate) value).toEpochDay());
            case CanonicalType.Time ignored -> group.add(field, ((LocalTime) value).toNanoOfDay() / 1000);
            case CanonicalType.Timestamp ignored -> group.add(field, micros(((LocalDateTime) value).toInstant(ZoneOffset.UTC)));
            case CanonicalType.TimestampTz ignored -> group.add(field, micros((Instant) value));
            case CanonicalType.Uuid ignored -> {
                UUID uuid = (UUID) value;
                group.add(field, Binary.fromConstantByteArray(ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                        .putLong(uuid.getLeastSignificantBits()).array()));
            }
            case CanonicalType.Array array -> {
                Group list = group.addGroup(field);
                for (Object item : (List<?>) value) {
                    Group element = list.addGroup(0);
                    if (item != null) {
                        addParquet(element, 0, array.element(), item);
                    }
                }
            }
        }
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }

    /** Parquet's output file over bytes in memory. */
    private record ByteArrayOutputFile(ByteArrayOutputStream bytes) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return bytes.size();
                }

                @Override
                public void write(int b) {
                    bytes.write(b);
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }

    /** JSON Lines with every scalar as text, JSON documents embedded and arrays as arrays of text. */
    private static String jsonLines(List<Field> fields, List<Row> rows) {
        StringBuilder lines = new StringBuilder();
        for (Row row : rows) {
            ObjectNode record = JSON.createObjectNode();
            for (int i = 0; i < fields.size(); i++) {
                Object value = row.get(i);
                CanonicalType type = fields.get(i).type();
                try {
                    record.set(fields.get(i).name(), value == null ? null
                            : type instanceof CanonicalType.Json || type instanceof CanonicalType.Array ? JSON.readTree(text(type, value))
                            : JSON.getNodeFactory().textNode(text(type, value)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            lines.append(record).append("\n");
        }
        return lines.toString();
    }

    private static List<Row> readAll(Connector connector, String object, List<Field> fields) {
        List<Row> rows = new ArrayList<>();
        try (RecordReader reader = connector.read(new ReadRequest(FilesConnector.SCHEMA, object, fields.stream().map(Field::name).toList(),
                Checkpoint.START, 1000))) {
            for (Optional<RecordBatch> batch = reader.next(); batch.isPresent(); batch = reader.next()) {
                rows.addAll(batch.get().rows());
            }
        }
        return rows;
    }

    // --- the contracts ---

    /** A source contract over files written by hand, as another tool would, in one storage and format. */
    abstract class FilesSource extends BaseSourceConnectorTest {
        @Override
        public ConnectorFactory factory() {
            return factory;
        }

        @Override
        protected String schema() {
            return FilesConnector.SCHEMA;
        }
    }

    /** A destination contract read back through the connector's own reads, which the source contracts check. */
    abstract class FilesDestination extends BaseDestinationConnectorTest {
        @Override
        public Set<ModelSyncMode> modelModes() {
            return APPEND_ONLY;
        }

        @Override
        public ConnectorFactory factory() {
            return factory;
        }

        @Override
        protected List<Row> readBack(String object, List<Field> fields) {
            return readAll(connector, object, fields);
        }

        @Override
        protected long count(String object) {
            try (Connector other = connector(settings())) {
                return readAll(other, object, CUSTOMERS.subList(0, 1)).size();
            }
        }
    }

    @Nested
    class LocalCsvSource extends FilesSource {
        @Override
        protected Map<String, Object> settings() {
            return localSettings("csv");
        }

        @Override
        protected void load(String object, List<Field> fields, List<Row> rows) {
            writeLocal(object + "/_schema.json", schemaFile(fields));
            writeLocal(object + "/data.csv", csv(fields, rows));
        }
    }

    @Nested
    class LocalCsvDestination extends FilesDestination {
        @Override
        protected Map<String, Object> settings() {
            return localSettings("csv");
        }
    }

    @Nested
    class S3JsonLinesSource extends FilesSource {
        @Override
        protected Map<String, Object> settings() {
            return s3Settings("jsonl");
        }

        @Override
        protected void load(String object, List<Field> fields, List<Row> rows) {
            writeS3(object + "/_schema.json", schemaFile(fields));
            writeS3(object + "/data.jsonl", jsonLines(fields, rows));
        }
    }

    @Nested
    class S3JsonLinesDestination extends FilesDestination {
        @Override
        protected Map<String, Object> settings() {
            return s3Settings("jsonl");
        }
    }

    @Nested
    class LocalParquetSource extends FilesSource {
        @Override
        protected Map<String, Object> settings() {
            return localSettings("parquet");
        }

        @Override
        protected void load(String object, List<Field> fields, List<Row> rows) {
            writeLocal(object + "/_schema.json", schemaFile(fields));
            writeLocal(object + "/data.parquet", parquet(fields, rows));
        }
    }

    @Nested
    class S3ParquetDestination extends FilesDestination {
        @Override
        protected Map<String, Object> settings() {
            return s3Settings("parquet");
        }
    }

    // --- what is the files connector's own ---

    @Test
    void parquetFilesWithoutASchemaFileAreTypedByTheFileItself() {
        List<Field> fields = List.of(
                Field.of("id", CanonicalType.INT64, false, false),
                Field.of("amount", new CanonicalType.Decimal(12, 2), true, false),
                Field.of("paid_at", CanonicalType.TIMESTAMPTZ, true, false),
                Field.of("tags", new CanonicalType.Array(CanonicalType.STRING), true, false));
        List<Row> rows = List.of(
                new Row(1L, new BigDecimal("10.50"), Instant.parse("2024-02-29T23:59:59.123456Z"), List.of("new", "vip")),
                new Row(2L, null, null, null),
                new Row(3L, new BigDecimal("-0.01"), Instant.parse("1969-12-31T23:59:59.999999Z"), java.util.Arrays.asList("", null)));
        writeLocal("payments/2024/part-1.parquet", parquet(fields, rows.subList(0, 2)));
        writeLocal("payments/2024/part-2.parquet", parquet(fields, rows.subList(2, 3)));
        try (Connector connector = connector(localSettings("csv"))) {
            ObjectSchema payments = connector.discover().object(FilesConnector.SCHEMA, "payments").orElseThrow();
            assertThat(payments.fields()).extracting(Field::name, field -> field.type().displayName(), Field::nullable).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("id", "int64", false),
                    org.assertj.core.groups.Tuple.tuple("amount", "decimal(12,2)", true),
                    org.assertj.core.groups.Tuple.tuple("paid_at", "timestamptz", true),
                    org.assertj.core.groups.Tuple.tuple("tags", "array<string>", true));
            assertThat(readAll(connector, "payments", payments.fields())).containsExactlyElementsOf(rows);
        }
    }

    @Test
    void aRunWrittenAsParquetHasTypedPartsAndAManifest() throws IOException {
        try (Connector connector = connector(localSettings("parquet"))) {
            connector.createObject("customers", CUSTOMERS);
            try (BatchWriter writer = connector.openAppend("customers", CUSTOMERS)) {
                writer.write(customers(1, 3));
                writer.finish();
            }
            List<String> parts;
            try (Stream<Path> files = Files.walk(directory.resolve("customers"))) {
                parts = files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".parquet")).toList();
            }
            assertThat(parts).containsExactly("part-00001.parquet");
            Files.delete(directory.resolve("customers/_schema.json"));
            ObjectSchema customers = connector.discover().object(FilesConnector.SCHEMA, "customers").orElseThrow();
            assertThat(customers.fields()).extracting(field -> field.type().displayName()).containsExactly("int64", "string");
            assertThat(readAll(connector, "customers", customers.fields()))
                    .containsExactly(new Row(1L, "customer 1"), new Row(2L, "customer 2"), new Row(3L, "customer 3"));
        }
    }

    private static final List<Field> CUSTOMERS = List.of(
            Field.of("id", CanonicalType.INT64, false, true),
            Field.of("name", CanonicalType.STRING, true, false));

    private static RecordBatch customers(int first, int last) {
        return new RecordBatch(CUSTOMERS, java.util.stream.IntStream.rangeClosed(first, last)
                .mapToObj(id -> new Row((long) id, "customer " + id)).toList(), Checkpoint.START);
    }

    @Test
    void fieldsOfCsvFilesFromElsewhereAreGuessedFromTheirFirstRecords() {
        writeLocal("people.csv", """
                id,active,score,joined,seen_at,signed_up,name,note
                1,true,12.50,2024-01-31,2024-02-01T10:00:00Z,2024-02-01 10:00:00,Ada,
                2,FALSE,7,2023-12-01,2024-02-02T11:30:00+01:00,2024-02-02 11:30:00,"Grace, Admiral",""
                3,,,,,,,
                """);

        try (Connector connector = connector(localSettings("csv"))) {
            ObjectSchema people = connector.discover().object(FilesConnector.SCHEMA, "people.csv").orElseThrow();
            List<Row> rows = readAll(connector, "people.csv", people.fields());

            assertThat(people.fields()).extracting(Field::name, Field::type).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("id", CanonicalType.INT64),
                    org.assertj.core.groups.Tuple.tuple("active", CanonicalType.BOOLEAN),
                    org.assertj.core.groups.Tuple.tuple("score", CanonicalType.Decimal.UNBOUNDED),
                    org.assertj.core.groups.Tuple.tuple("joined", CanonicalType.DATE),
                    org.assertj.core.groups.Tuple.tuple("seen_at", CanonicalType.TIMESTAMPTZ),
                    org.assertj.core.groups.Tuple.tuple("signed_up", CanonicalType.TIMESTAMP),
                    org.assertj.core.groups.Tuple.tuple("name", CanonicalType.STRING),
                    org.assertj.core.groups.Tuple.tuple("note", CanonicalType.STRING));
            assertThat(people.fields()).allMatch(Field::nullable);
            assertThat(people.primaryKey()).isEmpty();
            assertThat(rows).containsExactly(
                    new Row(1L, true, new BigDecimal("12.50"), LocalDate.of(2024, 1, 31), Instant.parse("2024-02-01T10:00:00Z"),
                            LocalDateTime.of(2024, 2, 1, 10, 0), "Ada", null),
                    new Row(2L, false, new BigDecimal("7"), LocalDate.of(2023, 12, 1), Instant.parse("2024-02-02T10:30:00Z"),
                            LocalDateTime.of(2024, 2, 2, 11, 30), "Grace, Admiral", ""),
                    new Row(3L, null, null, null, null, null, null, null));
        }
    }

    @Test
    void jsonLinesFilesInAFolderAreOneObjectReadInFileOrder() {
        writeS3("events/2024/01.jsonl", """
                {"id": 1, "amount": 2.5, "at": "2024-01-01T00:00:00", "tags": ["a"], "source": "web"}
                {"id": 2, "amount": 3, "at": "2024-01-02T00:00:00", "tags": [], "source": 7}
                """);
        writeS3("events/2024/02.ndjson", "{\"id\": 3, \"amount\": null, \"at\": \"2024-01-03T00:00:00\", \"extra\": {\"k\": true}}\n");
        writeS3("events/_notes.txt", "not data");

        try (Connector connector = connector(s3Settings("jsonl"))) {
            assertThat(connector.discover().schemas().getFirst().objects()).extracting(ObjectSchema::name).containsExactly("events");
            ObjectSchema events = connector.discover().object(FilesConnector.SCHEMA, "events").orElseThrow();
            List<Row> rows = readAll(connector, "events", events.fields());

            assertThat(events.fields()).extracting(Field::type).containsExactly(CanonicalType.INT64, CanonicalType.Decimal.UNBOUNDED,
                    CanonicalType.TIMESTAMP, CanonicalType.JSON, CanonicalType.STRING, CanonicalType.JSON);
            assertThat(rows).containsExactly(
                    new Row(1L, new BigDecimal("2.5"), LocalDateTime.of(2024, 1, 1, 0, 0), "[\"a\"]", "web", null),
                    new Row(2L, new BigDecimal("3"), LocalDateTime.of(2024, 1, 2, 0, 0), "[]", "7", null),
                    new Row(3L, null, LocalDateTime.of(2024, 1, 3, 0, 0), null, null, "{\"k\":true}"));
        }
    }

    @Test
    void aLargeFileIsReadAsAStreamInBatchesOfTheRequestedSize() throws IOException {
        try (var out = Files.newBufferedWriter(directory.resolve("numbers.csv"))) {
            out.write("id,filler\n");
            for (int id = 1; id <= 50_000; id++) {
                out.write(id + ",xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n");
            }
        }
        long rows = 0;
        long sum = 0;
        int largest = 0;
        try (Connector connector = connector(localSettings("csv"));
             RecordReader reader = connector.read(new ReadRequest(FilesConnector.SCHEMA, "numbers.csv", List.of(), Checkpoint.START, 1000))) {
            for (Optional<RecordBatch> batch = reader.next(); batch.isPresent(); batch = reader.next()) {
                rows += batch.get().rows().size();
                sum += batch.get().rows().stream().mapToLong(row -> (Long) row.get(0)).sum();
                largest = Math.max(largest, batch.get().rows().size());
            }
        }

        assertThat(rows).isEqualTo(50_000);
        assertThat(sum).isEqualTo(50_000L * 50_001 / 2);
        assertThat(largest).isEqualTo(1000);
    }

    @Test
    void aValueBeyondTheSampleThatDoesNotFitItsGuessedTypeNamesTheFileTheLineAndTheSetting() {
        writeLocal("orders.csv", "id,quantity\n1,5\n2,6\n3,a dozen\n");
        Map<String, Object> settings = localSettings("csv");
        settings.put("inference_rows", 2);

        try (Connector connector = connector(settings)) {
            List<Field> fields = connector.discover().object(FilesConnector.SCHEMA, "orders.csv").orElseThrow().fields();
            assertThatThrownBy(() -> readAll(connector, "orders.csv", fields))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessage(directory.resolve("orders.csv") + " line 4: quantity is not a int64 value; the type was guessed from the first 2"
                            + " records: raise inference_rows so that they include such values.");
        }
    }

    @Test
    void eachRunWritesOneFileSetWithAManifestOfItsFilesRecordCountsAndFields() throws IOException {
        try (Connector connector = connector(localSettings("csv"))) {
            connector.createObject("customers", CUSTOMERS);
            try (BatchWriter writer = connector.openAppend("customers", CUSTOMERS)) {
                writer.write(customers(1, 3));
                writer.write(customers(4, 5));
                writer.finish();
            }
        }

        List<String> files;
        try (Stream<Path> paths = Files.walk(directory.resolve("customers"))) {
            files = paths.filter(Files::isRegularFile).map(path -> directory.relativize(path).toString()).sorted().toList();
        }
        assertThat(files).hasSize(4);
        assertThat(files.getFirst()).matches("customers/_schema.json");
        String run = files.get(1).split("/")[1];
        assertThat(run).matches("run-\\d{8}T\\d{6}\\.\\d{6}Z-[0-9a-f]{8}");
        assertThat(files.subList(1, 4)).containsExactly("customers/" + run + "/_manifest.json", "customers/" + run + "/part-00001.csv",
                "customers/" + run + "/part-00002.csv");
        assertThat(Files.readString(directory.resolve(files.get(3)))).isEqualTo("\"id\",\"name\"\r\n\"4\",\"customer 4\"\r\n\"5\",\"customer 5\"\r\n");
        JsonNode manifest = JSON.readTree(directory.resolve(files.get(1)).toFile());
        assertThat(manifest.path("run_id").asText()).isEqualTo(run);
        assertThat(manifest.path("format").asText()).isEqualTo("csv");
        assertThat(manifest.path("records").asLong()).isEqualTo(5);
        assertThat(manifest.path("files").toString()).isEqualTo("[{\"path\":\"part-00001.csv\",\"records\":3},{\"path\":\"part-00002.csv\",\"records\":2}]");
        assertThat(manifest.path("fields").toString()).isEqualTo("[{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false,\"primary_key\":true},"
                + "{\"name\":\"name\",\"type\":\"string\",\"nullable\":true,\"primary_key\":false}]");
    }

    @Test
    void aBatchWrittenAgainAfterItsAcknowledgementWasLostReplacesItsFileInsteadOfAddingOne() {
        // The store keeps the file but the answer never arrives, as when a connection drops after an upload.
        AtomicInteger writes = new AtomicInteger();
        LocalStorage local = new LocalStorage(directory);
        Storage losesSecondAnswer = new Storage() {
            public String location(String key) { return local.location(key); }
            public TestResult test() { return local.test(); }
            public List<String> children() { return local.children(); }
            public List<String> files(String dir) { return local.files(dir); }
            public boolean exists(String key) { return local.exists(key); }
            public InputStream open(String key) { return local.open(key); }
            public void close() {}
            public void write(String key, Content content) {
                local.write(key, content);
                if (writes.incrementAndGet() == 3) {
                    throw new RetriableConnectorException("connection reset", null);
                }
            }
        };
        try (FilesConnector connector = new FilesConnector(losesSecondAnswer, FileFormat.CSV, 100)) {
            connector.createObject("customers", CUSTOMERS);
            try (BatchWriter writer = connector.openAppend("customers", CUSTOMERS)) {
                writer.write(customers(1, 3));
                assertThatThrownBy(() -> writer.write(customers(4, 6))).isInstanceOf(RetriableConnectorException.class);
                writer.write(customers(4, 6));
                writer.write(customers(7, 8));
                writer.finish();
            }

            assertThat(readAll(connector, "customers", CUSTOMERS)).extracting(row -> row.get(0)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
            assertThat(local.files("customers/")).filteredOn(key -> key.contains("part-")).hasSize(3);
        }
    }

    @Test
    void aLargeFileIsUploadedToS3InPartsAndReadBackWhole() throws Exception {
        Map<String, Object> settings = s3Settings("csv");
        int partSize = 5 * 1024 * 1024;
        byte[] content = new byte[2 * partSize + 1234];
        new java.util.Random(7).nextBytes(content);

        try (S3Storage storage = S3Storage.create(factory.configSpec().bind(settings), partSize)) {
            storage.write("big/blob.bin", out -> {
                for (int offset = 0; offset < content.length; offset += 100_000) {
                    out.write(content, offset, Math.min(100_000, content.length - offset));
                }
            });
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            try (InputStream in = storage.open("big/blob.bin")) {
                in.transferTo(read);
            }

            assertThat(MessageDigest.getInstance("SHA-256").digest(read.toByteArray()))
                    .isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
        }
        String eTag = s3.client().headObject(request -> request.bucket(TestingS3.BUCKET).key(prefix + "big/blob.bin")).eTag();
        assertThat(eTag).as("a multipart upload's ETag counts its parts").endsWith("-3\"");
    }

    @Test
    void anS3EndpointThatReachesCloudMetadataIsRefusedInTheTestAndOnConnect() {
        Map<String, Object> settings = s3Settings("csv");
        settings.put("endpoint", "http://169.254.169.254");

        try (Connector connector = connector(settings)) {
            assertThat(connector.test()).isInstanceOfSatisfying(TestResult.Failed.class, failed -> assertThat(failed.message())
                    .startsWith("endpoint points to 169.254.169.254").contains("link-local"));
            assertThatThrownBy(connector::discover).isInstanceOf(ConnectorException.class).hasMessageStartingWith("endpoint points to");
        }
    }

    @Test
    void testReportsAMissingDirectoryAndAMissingBucket() {
        Map<String, Object> local = localSettings("csv");
        local.put("path", directory.resolve("nowhere").toString());
        Map<String, Object> bucket = s3Settings("csv");
        bucket.put("bucket", "no-such-bucket");

        try (Connector missingDirectory = connector(local); Connector missingBucket = connector(bucket); Connector s3Passes = connector(s3Settings("csv"))) {
            assertThat(missingDirectory.test()).isEqualTo(new TestResult.Failed(Problem.DATABASE_MISSING,
                    "Directory " + directory.resolve("nowhere") + " does not exist; create it or correct path."));
            assertThat(missingBucket.test()).isEqualTo(new TestResult.Failed(Problem.DATABASE_MISSING,
                    "Bucket no-such-bucket does not exist; check bucket, region and endpoint."));
            assertThat(s3Passes.test()).isInstanceOf(TestResult.Passed.class);
        }
    }

    @Test
    void settingsThatDependOnTheKindAreRequiredNamingTheFieldAndSecretsNeverPrint() {
        assertThatThrownBy(() -> connector(Map.of("kind", "s3", "access_key_id", "AKIA")))
                .isInstanceOfSatisfying(InvalidConfigurationException.class, e -> assertThat(e.errors()).extracting(error -> error.field())
                        .containsExactly("bucket", "secret_access_key"));
        assertThatThrownBy(() -> connector(Map.of("kind", "local"))).hasMessageStartingWith("path is required when kind is local");
        ConnectorConfig config = factory.configSpec().bind(s3Settings("csv"));
        assertThat(config.toString()).contains("secret_access_key=****").doesNotContain(TestingS3.SECRET_ACCESS_KEY);
        assertThat(factory.configSpec().sensitiveFields()).containsExactly("secret_access_key");
    }

    @Test
    void objectNamesCannotLeaveTheRoot() {
        try (Connector connector = connector(localSettings("csv"))) {
            assertThatThrownBy(() -> connector.createObject("..", CUSTOMERS)).isInstanceOf(ConnectorException.class)
                    .hasMessageContaining("is not an object name");
            assertThatThrownBy(() -> connector.read(new ReadRequest(FilesConnector.SCHEMA, "../etc", List.of(), Checkpoint.START, 10)))
                    .isInstanceOf(ConnectorException.class).hasMessageContaining("is not an object name");
        }
    }
}
