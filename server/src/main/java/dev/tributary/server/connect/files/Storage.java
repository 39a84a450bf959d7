package dev.tributary.server.connect.files;

import dev.tributary.server.connect.objects.Content;
import dev.tributary.server.connect.spi.TestResult;
import java.io.InputStream;
import java.util.List;

/** Where the files are: a local directory or an S3 bucket and prefix. Keys are relative to that root and use {@code /}. */
interface Storage extends AutoCloseable {

    /** The full location of a key, for messages: a path or an {@code s3://} URI. */
    String location(String key);

    /** Checks that the root can be listed and written. */
    TestResult test();

    /** The names directly under the root; directories (prefixes) end with {@code /}. */
    List<String> children();

    /** The keys of every file under {@code directory}, at any depth, in name order. */
    List<String> files(String directory);

    boolean exists(String key);

    /** Streams the file; the caller closes it. */
    InputStream open(String key);

    /**
     * Writes the file whole or not at all, replacing any file of that key: a reader never sees half of it, and writing
     * the same key again after a failure leaves one file.
     */
    void write(String key, Content content);

    @Override
    void close();
}
