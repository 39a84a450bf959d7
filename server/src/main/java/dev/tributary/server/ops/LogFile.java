package dev.tributary.server.ops;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.http.Json;
import dev.tributary.server.jobs.JobEngine;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The server's log file (LOG_FILE) read back for the admin API: the JSON lines {@link Logging} writes, filtered as the
 * in-memory lines are. A line's sequence is the byte offset just past it, so a cursor is a position in the file; a
 * cursor past the end (the file rolled over meanwhile) starts again at its beginning.
 */
public final class LogFile {

    private final Path file;

    public LogFile(Path file) {
        this.file = file;
    }

    /** Matching lines after the cursor, and the cursor to read on from (past every line looked at). */
    public record Page(List<LogRing.Line> lines, long next) {}

    public Page read(LogRing.Query query) throws IOException {
        if (!Files.exists(file)) {
            return new Page(List.of(), 0);
        }
        Predicate<LogRing.Line> matches = LogRing.matcher(query);
        List<LogRing.Line> found = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = query.after() > channel.size() ? 0 : query.after();
            channel.position(position);
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel));
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            int next;
            // A last line without its newline is still being written: it is read next time.
            while (found.size() < query.limit() && (next = in.read()) >= 0) {
                if (next != '\n') {
                    text.write(next);
                    continue;
                }
                position += text.size() + 1;
                LogRing.Line line = parse(text.toByteArray(), position);
                text.reset();
                if (line != null && matches.test(line)) {
                    found.add(line);
                }
            }
            return new Page(found, position);
        }
    }

    /** One JSON line as the encoder wrote it; null for anything else (a line cut short by a crash). */
    private static LogRing.Line parse(byte[] json, long sequence) {
        try {
            JsonNode event = Json.mapper().readTree(json);
            return new LogRing.Line(sequence, OffsetDateTime.parse(event.path("@timestamp").asText()).toInstant(), event.path("level").asText(),
                    event.path("logger_name").asText(), event.path("thread_name").asText(),
                    LogRing.oneLine(event.path("message").asText(), event.path("stack_trace").asText(null)),
                    event.path(JobEngine.SYNC_ID).asText(null), event.path(JobEngine.EXECUTION_ID).asText(null));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
