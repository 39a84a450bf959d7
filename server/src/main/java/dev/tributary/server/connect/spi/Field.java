package dev.tributary.server.connect.spi;

import java.util.Objects;

/**
 * One field of an object.
 *
 * @param name as the remote system spells it
 * @param type the canonical type its values take between connectors
 * @param remoteType the remote system's own type, such as {@code numeric(38,9)}, for display
 * @param nullable whether it may hold no value
 * @param primaryKey whether it is part of the object's primary key (in field order)
 */
public record Field(String name, CanonicalType type, String remoteType, boolean nullable, boolean primaryKey) {

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(remoteType, "remoteType");
    }

    /** A field described only by its canonical type, as a destination receives it. */
    public static Field of(String name, CanonicalType type, boolean nullable, boolean primaryKey) {
        return new Field(name, type, type.displayName(), nullable, primaryKey);
    }
}
