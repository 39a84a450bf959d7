package dev.tributary.server.blob;

import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Objects the server keeps outside its database: job payloads (JOB_PAYLOAD_PATH), query exports (EXPORT_QUERY_BUCKET),
 * and execution record logs. Opened by {@link BlobStores#open}.
 *
 * <p>Keys are relative paths such as {@code jobs/<id>/snapshot.csv}: segments separated by {@code /}, none empty and
 * none starting with a dot; anything else is refused ({@link ErrorCode#INVALID_REQUEST}). Content streams both ways, so
 * an object of any size takes bounded memory. A missing object is {@link ErrorCode#NOT_FOUND}; a store that fails or
 * refuses access is {@link ErrorCode#BLOB_STORE_FAILED}, with a message that names the store and what to check.
 */
public interface BlobStore extends AutoCloseable {

    /** Writes an object's content into the stream it is given. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Stores the object whole or not at all, replacing any object of that key: a reader sees the old object or the new
     * one, never part of one. A failure thrown by {@code content} aborts the write and is thrown as it came.
     */
    void write(String key, Content content);

    /**
     * Stores what {@code content} holds, as {@link #write}; the caller closes {@code content}.
     *
     * @param length the exact number of bytes in {@code content}, or -1 when unknown; an object of another length is refused
     */
    default void put(String key, InputStream content, long length) {
        write(key, out -> {
            long copied = content.transferTo(out);
            if (length >= 0 && copied != length) {
                throw new TributaryException(ErrorCode.INVALID_REQUEST, "The content for '" + key + "' was " + copied
                        + " bytes long instead of the " + length + " announced; nothing was stored.");
            }
        });
    }

    /** Streams the object; the caller closes the stream. */
    InputStream open(String key);

    boolean exists(String key);

    /** Deletes the object; deleting one that does not exist is not an error. */
    void delete(String key);

    /** The keys of every object whose key starts with {@code prefix} (empty for all), in key order. */
    List<String> list(String prefix);

    /**
     * A URL that lets anyone holding it download the object until {@code lifetime} has passed, signed by the store itself
     * (an S3 presigned GET). Empty for a store that cannot sign: the server then hands out its own {@link SignedLinks}.
     */
    default Optional<URI> presignedDownload(String key, Duration lifetime) {
        return Optional.empty();
    }

    /** Where the objects are, for logs and the admin health: a {@code file://} or {@code s3://} location, never a credential. */
    String describe();

    @Override
    void close();
}
