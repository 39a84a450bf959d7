package dev.tributary.server.connect.jdbc;

import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Field;
import java.util.Optional;

/** One connector's table between its column types and the canonical types, both ways. */
public interface TypeMapping {

    /** The canonical type of a column's values; a type with no canonical match is read as its text, a {@code string}. */
    CanonicalType toCanonical(RemoteColumn column);

    /** The column type that holds every value of the field's canonical type (a key may need a bounded type). */
    String toRemote(Field field);

    /** The remote type's display form, such as {@code numeric(38,9)}. */
    String displayName(RemoteColumn column);

    /** Why this destination cannot store the value in the field, beyond the canonical type's own limits; empty when it can. */
    Optional<String> valueProblem(Field field, Object value);
}
