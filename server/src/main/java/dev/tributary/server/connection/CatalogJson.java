package dev.tributary.server.connection;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Catalog;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.http.Json;
import java.io.UncheckedIOException;
import java.util.List;

/** A discovered catalog as stored with its connection, so browsing it does not query the remote system every time. */
final class CatalogJson {

    private record StoredField(String name, String type, String remoteType, boolean nullable, boolean primaryKey) {}

    private record StoredObject(String name, List<StoredField> fields) {}

    private record StoredSchema(String name, List<StoredObject> objects) {}

    private record StoredCatalog(List<StoredSchema> schemas) {}

    private CatalogJson() {}

    static String write(Catalog catalog) {
        StoredCatalog stored = new StoredCatalog(catalog.schemas().stream()
                .map(schema -> new StoredSchema(schema.name(), schema.objects().stream()
                        .map(object -> new StoredObject(object.name(), object.fields().stream()
                                .map(field -> new StoredField(field.name(), field.type().displayName(), field.remoteType(), field.nullable(),
                                        field.primaryKey()))
                                .toList()))
                        .toList()))
                .toList());
        try {
            return Json.mapper().writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Catalog read(String json) {
        StoredCatalog stored;
        try {
            stored = Json.mapper().readValue(json, StoredCatalog.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return new Catalog(stored.schemas().stream()
                .map(schema -> new Catalog.Schema(schema.name(), schema.objects().stream()
                        .map(object -> new ObjectSchema(schema.name(), object.name(), object.fields().stream()
                                .map(field -> new Field(field.name(), CanonicalType.parse(field.type()), field.remoteType(), field.nullable(),
                                        field.primaryKey()))
                                .toList()))
                        .toList()))
                .toList());
    }
}
