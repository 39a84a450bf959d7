package dev.tributary.server.connect.objects;

import java.io.IOException;
import java.io.OutputStream;

/** Writes an object's content into the stream it is given. */
@FunctionalInterface
public interface Content {

    void writeTo(OutputStream out) throws IOException;
}
