package dev.tributary.server.connect.files;

import dev.tributary.server.connect.spi.BatchWriter;
import dev.tributary.server.connect.spi.CanonicalValues;
import dev.tributary.server.connect.spi.Catalog;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorException;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ModelObject;
import dev.tributary.server.connect.spi.ModelObjectDetail;
import dev.tributary.server.connect.spi.ModelObjectDetail.ModelField;
import dev.tributary.server.connect.spi.ModelSyncMode;
import dev.tributary.server.connect.spi.ModelTarget;
import dev.tributary.server.connect.spi.ModelWriter;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.connect.spi.ReadRequest;
import dev.tributary.server.connect.spi.RecordReader;
import dev.tributary.server.connect.spi.TestResult;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Files as objects: each folder under the root is one object made of the data files in it (at any depth), and each
 * data file directly under the root is an object of its own. Objects this connector created keep their fields in
 * {@code _schema.json}; the fields of other files come from the types Parquet files declare, or are guessed from the
 * first records of CSV and JSON Lines files. Files are read in name order and then record order, which is primary key order when they were written in that order.
 */
final class FilesConnector implements Connector {

    /** The one schema of the catalog: the root the settings point at. */
    static final String SCHEMA = "files";

    private final Storage storage;
    private final FileFormat format;
    private final int inferenceRows;

    FilesConnector(Storage storage, FileFormat format, int inferenceRows) {
        this.storage = storage;
        this.format = format;
        this.inferenceRows = inferenceRows;
    }

    @Override
    public TestResult test() {
        return storage.test();
    }

    @Override
    public Catalog discover() {
        List<ObjectSchema> objects = new ArrayList<>();
        for (String child : storage.children()) {
            String name = child.endsWith("/") ? child.substring(0, child.length() - 1) : child;
            boolean hidden = name.startsWith(".") || name.startsWith("_");
            if (!hidden && (child.endsWith("/") || FileFormat.of(child).isPresent())) {
                describe(name).ifPresent(objects::add);
            }
        }
        return new Catalog(List.of(new Catalog.Schema(SCHEMA, objects)));
    }

    /** The object's fields from its schema file, or guessed from its files; empty when it has neither. */
    Optional<ObjectSchema> describe(String object) {
        checkName(object);
        String schemaKey = object + "/" + SchemaFile.NAME;
        if (storage.exists(schemaKey)) {
            try (InputStream in = storage.open(schemaKey)) {
                return Optional.of(new ObjectSchema(SCHEMA, object, SchemaFile.read(in)));
            } catch (IOException e) {
                throw new ConnectorException(storage.location(schemaKey) + " is not a schema this connector wrote (" + e.getMessage()
                        + "); delete it to have the fields guessed from the files.", e);
            }
        }
        List<String> files = dataFiles(object);
        return files.isEmpty() ? Optional.empty() : Optional.of(new ObjectSchema(SCHEMA, object, infer(files)));
    }

    private List<String> dataFiles(String object) {
        if (FileFormat.of(object).isPresent() && storage.exists(object)) {
            return List.of(object);
        }
        return storage.files(object + "/").stream().filter(key -> FileFormat.of(key).isPresent()).toList();
    }

    /** Takes each field's type from the files that declare it (Parquet), or guesses it from the first {@code inference_rows} records. */
    private List<Field> infer(List<String> files) {
        Map<String, Inference> fields = new LinkedHashMap<>();
        int sampled = 0;
        for (String file : files) {
            FileFormat fileFormat = FileFormat.of(file).orElseThrow();
            try (FileFormat.Records records = fileFormat.open(storage.open(file))) {
                records.fieldNames().forEach(name -> fields.computeIfAbsent(name, key -> new Inference()));
                records.declaredFields().forEach(field -> fields.get(field.name()).declare(field.type(), field.nullable()));
                while (sampled < inferenceRows && records.next()) {
                    sampled++;
                    for (String name : records.fieldNames()) {
                        fileFormat.observe(fields.computeIfAbsent(name, key -> new Inference()), records.raw(name));
                    }
                }
            } catch (IOException e) {
                throw new ConnectorException("Reading " + storage.location(file) + " failed: " + e.getMessage() + "; check the file.", e);
            }
            if (sampled >= inferenceRows) {
                break;
            }
        }
        return fields.entrySet().stream().map(field -> Field.of(field.getKey(), field.getValue().type(), field.getValue().nullable(), false)).toList();
    }

    private static void checkName(String object) {
        if (object.isEmpty() || object.contains("/") || object.contains("\\") || object.equals(".") || object.equals("..")) {
            throw new ConnectorException("'" + object + "' is not an object name: it names a folder or file directly under the root,"
                    + " without / or \\.");
        }
    }

    @Override
    public RecordReader read(ReadRequest request) {
        ObjectSchema object = (request.schema().equals(SCHEMA) ? describe(request.object()) : Optional.<ObjectSchema>empty())
                .orElseThrow(() -> new ConnectorException(request.schema() + "." + request.object()
                        + " does not exist; run discovery to list the objects."));
        List<Field> fields = request.fields().isEmpty() ? object.fields() : request.fields().stream()
                .map(name -> object.field(name).orElseThrow(() -> new ConnectorException(
                        name + " is not a field of " + object.name() + "; its fields are " + object.fields().stream().map(Field::name).toList() + ".")))
                .toList();
        List<Field> key = object.fields().stream().filter(Field::primaryKey).toList();
        if (!fields.containsAll(key)) {
            throw new ConnectorException("The fields read must include " + object.primaryKey() + ", which make the checkpoints.");
        }
        Map<String, String> position = request.from().position();
        if (!position.isEmpty() && !position.keySet().equals(Set.copyOf(object.primaryKey()))) {
            throw new ConnectorException("The checkpoint " + position.keySet() + " does not match the read of " + object.name()
                    + ", whose checkpoints are " + object.primaryKey() + "; reset the checkpoint.");
        }
        for (Field field : key) {
            String text = position.get(field.name());
            try {
                if (text != null) {
                    CanonicalValues.parse(field.type(), text);
                }
            } catch (RuntimeException e) {
                throw new ConnectorException("The checkpoint's " + field.name() + " '" + text + "' is not a " + field.type().displayName()
                        + " value; reset the checkpoint.", e);
            }
        }
        String hint = storage.exists(object.name() + "/" + SchemaFile.NAME)
                ? "; the file does not match the object's _schema.json."
                : "; the type was guessed from the first " + inferenceRows + " records: raise inference_rows so that they include such values.";
        return new FileRecordReader(storage, object.name(), dataFiles(object.name()), fields, key, request.from(), hint, request.batchSize());
    }

    @Override
    public void createObject(String object, List<Field> fields) {
        checkName(object);
        String key = object + "/" + SchemaFile.NAME;
        if (storage.exists(key)) {
            throw new ConnectorException(object + " already exists at " + storage.location(object + "/") + "; write to it, or choose another name.");
        }
        storage.write(key, out -> SchemaFile.write(out, fields));
    }

    @Override
    public void addFields(String object, List<Field> fields) {
        List<Field> all = new ArrayList<>(existing(object).fields());
        fields.forEach(field -> all.add(Field.of(field.name(), field.type(), true, false)));
        storage.write(object + "/" + SchemaFile.NAME, out -> SchemaFile.write(out, all));
    }

    private ObjectSchema existing(String object) {
        checkName(object);
        if (!storage.exists(object + "/" + SchemaFile.NAME)) {
            throw new ConnectorException(object + " does not exist at " + storage.location(object + "/") + "; create it before writing to it.");
        }
        return describe(object).orElseThrow();
    }

    @Override
    public BatchWriter openAppend(String object, List<Field> fields) {
        ObjectSchema target = existing(object);
        List<String> missing = fields.stream().map(Field::name).filter(name -> target.field(name).isEmpty()).toList();
        if (!missing.isEmpty()) {
            throw new ConnectorException(object + " has no field " + String.join(", ", missing) + "; add the fields before writing them.");
        }
        return new FileBatchWriter(storage, format, object, fields.stream().map(field -> target.field(field.name()).orElseThrow()).toList());
    }

    /** Files are only appended to: a record written cannot be found again to update or delete it. */
    private static final Set<ModelSyncMode> MODEL_MODES = EnumSet.of(ModelSyncMode.APPEND);

    @Override
    public List<ModelObject> modelTargets() {
        return discover().schemas().getFirst().objects().stream().map(object -> new ModelObject(object.name(), MODEL_MODES)).toList();
    }

    @Override
    public Optional<ModelObjectDetail> modelTarget(String object) {
        return describe(object).map(schema -> new ModelObjectDetail(new ModelObject(object, MODEL_MODES),
                schema.fields().stream().map(field -> new ModelField(field, true, false, Set.of())).toList(), false));
    }

    @Override
    public ModelWriter openModelWrite(ModelTarget target) {
        return new AppendModelWriter(new ModelObject(target.object(), MODEL_MODES), target.fields(), openAppend(target.object(), target.fields()));
    }

    @Override
    public void close() {
        storage.close();
    }
}
