package dev.tributary.server.connect.postgres;

import dev.tributary.server.connect.spi.RawChunk;
import dev.tributary.server.connect.spi.RawRecordReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import org.postgresql.copy.CopyOut;

/**
 * An object's rows as the server writes them for {@code COPY ... TO STDOUT} in text format, gathered into chunks of
 * about {@link #CHUNK_BYTES}. The server sends one message per row, so a chunk always ends at the end of a row. Text
 * (rather than binary) is what any PostgreSQL column of the same type reads back, whatever its exact declared type.
 */
final class CopyTextReader implements RawRecordReader {

    static final String FORMAT = "postgresql-copy-text";

    /** Large enough that each chunk's COPY and commit cost little, small enough to keep memory flat. */
    static final int CHUNK_BYTES = 4 * 1024 * 1024;

    private final Connection connection;
    private final CopyOut copy;
    private final String object;
    private final PostgresConnector connector;
    private boolean ended;

    CopyTextReader(Connection connection, CopyOut copy, String object, PostgresConnector connector) {
        this.connection = connection;
        this.copy = copy;
        this.object = object;
        this.connector = connector;
    }

    @Override
    public Optional<RawChunk> next() {
        byte[] buffer = new byte[CHUNK_BYTES];
        int length = 0;
        int records = 0;
        try {
            while (!ended && length < CHUNK_BYTES) {
                byte[] row = copy.readFromCopy();
                if (row == null) {
                    ended = true;
                } else {
                    if (length + row.length > buffer.length) {
                        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + row.length));
                    }
                    System.arraycopy(row, 0, buffer, length, row.length);
                    length += row.length;
                    records++;
                }
            }
        } catch (SQLException e) {
            throw connector.failure("Reading " + object, e);
        }
        return records == 0 ? Optional.empty() : Optional.of(new RawChunk(buffer, length, records));
    }

    @Override
    public void close() {
        try (connection) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            throw connector.failure("Closing the read of " + object, e);
        }
    }
}
