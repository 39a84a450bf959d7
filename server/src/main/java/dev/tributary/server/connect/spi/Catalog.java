package dev.tributary.server.connect.spi;

import java.util.List;
import java.util.Optional;

/** What a connection holds: schemas, their objects and the objects' fields. */
public record Catalog(List<Schema> schemas) {

    public Catalog {
        schemas = List.copyOf(schemas);
    }

    public record Schema(String name, List<ObjectSchema> objects) {
        public Schema {
            objects = List.copyOf(objects);
        }
    }

    public Optional<ObjectSchema> object(String schema, String name) {
        return schemas.stream().filter(s -> s.name().equals(schema)).flatMap(s -> s.objects().stream())
                .filter(object -> object.name().equals(name)).findFirst();
    }
}
