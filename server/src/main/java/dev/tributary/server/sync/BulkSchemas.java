package dev.tributary.server.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.protocol.bulk.BulkSchema;
import dev.tributary.server.connect.spi.Catalog;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.ObjectSchema;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.Json;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A bulk sync's table selection: checked against the source's catalog, stored as JSON, turned into what to read. */
final class BulkSchemas {

    private static final TypeReference<List<BulkSchema>> LIST = new TypeReference<>() {};

    private BulkSchemas() {}

    /** Field errors of a selection against the source catalog, named as the request names them. */
    static List<FieldError> problems(Catalog catalog, List<BulkSchema> schemas) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int index = 0; index < schemas.size(); index++) {
            BulkSchema schema = schemas.get(index);
            String at = "schemas[" + index + "]";
            Optional<ObjectSchema> object = find(catalog, schema.id());
            if (object.isEmpty()) {
                errors.add(new FieldError(at + ".id", "'" + schema.id() + "' is not a table of the source; ids are schema.table as"
                        + " GET /api/connections/{id}/schemas lists them."));
                continue;
            }
            if (!seen.add(schema.id())) {
                errors.add(new FieldError(at + ".id", "'" + schema.id() + "' is listed twice."));
            }
            if (schema.trackingField() != null) {
                if (object.get().field(schema.trackingField()).isEmpty()) {
                    errors.add(new FieldError(at + ".tracking_field", "'" + schema.trackingField() + "' is not a field of " + schema.id() + "."));
                } else if (object.get().primaryKey().isEmpty()) {
                    errors.add(new FieldError(at + ".tracking_field", schema.id()
                            + " has no primary key, so changed records could not be matched; leave tracking_field out to refresh it whole."));
                }
            }
            for (String field : schema.fields() == null ? List.<String>of() : schema.fields()) {
                if (object.get().field(field).isEmpty()) {
                    errors.add(new FieldError(at + ".fields", "'" + field + "' is not a field of " + schema.id() + "."));
                }
            }
        }
        return errors;
    }

    static ObjectSchema object(Catalog catalog, String id) {
        return find(catalog, id).orElseThrow(() -> new TributaryException(ErrorCode.NOT_FOUND, "The source no longer has the table " + id + "."));
    }

    /** The fields to copy: those selected (all when none are), always with the primary key and the tracking field. */
    static List<Field> selectedFields(ObjectSchema object, BulkSchema schema) {
        if (schema.fields() == null || schema.fields().isEmpty()) {
            return object.fields();
        }
        Set<String> wanted = new LinkedHashSet<>(schema.fields());
        wanted.addAll(object.primaryKey());
        if (schema.trackingField() != null) {
            wanted.add(schema.trackingField());
        }
        return object.fields().stream().filter(field -> wanted.contains(field.name())).toList();
    }

    /** The destination table's name; normalized names are lower case letters, digits and underscores. */
    static String destinationName(String name, boolean normalize) {
        return normalize ? name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_") : name;
    }

    static boolean enabled(BulkSchema schema) {
        return schema.enabled() == null || schema.enabled();
    }

    static String write(List<BulkSchema> schemas) {
        try {
            return Json.mapper().writeValueAsString(schemas);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<BulkSchema> read(String json) {
        try {
            return Json.mapper().readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Optional<ObjectSchema> find(Catalog catalog, String id) {
        if (id == null) {
            return Optional.empty();
        }
        int dot = id.indexOf('.');
        return dot < 0 ? Optional.empty() : catalog.object(id.substring(0, dot), id.substring(dot + 1));
    }
}
