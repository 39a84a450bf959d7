package dev.tributary.server.connect.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A table or similar object: where it lives, its fields in order, and its primary key. */
public record ObjectSchema(String schema, String name, List<Field> fields) {

    public ObjectSchema {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(name, "name");
        fields = List.copyOf(fields);
    }

    public List<String> primaryKey() {
        return fields.stream().filter(Field::primaryKey).map(Field::name).toList();
    }

    public Optional<Field> field(String fieldName) {
        return fields.stream().filter(field -> field.name().equals(fieldName)).findFirst();
    }
}
