package dev.tributary.server.connect.spi;

import java.util.List;
import java.util.Optional;

/** The rows of a running query, read one at a time. Holds a connection until closed. */
public interface QueryCursor extends AutoCloseable {

    /** The result's columns, in order; names as the database gives them, so two may be the same. */
    List<Field> fields();

    /** The next row, or empty at the end. */
    Optional<Row> next();

    @Override
    void close();
}
