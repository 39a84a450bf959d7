package dev.tributary.protocol.connection;

import java.util.List;

/**
 * An object (table, file set) of a connection: {@code id} is {@code schema.name}. Lists leave out the fields.
 */
public record SchemaResponse(String id, String schema, String name, List<SchemaField> fields) {

    /** A field with its canonical type, the remote system's own type, nullability and primary-key membership. */
    public record SchemaField(String name, String type, String remoteType, boolean nullable, boolean primaryKey) {}
}
