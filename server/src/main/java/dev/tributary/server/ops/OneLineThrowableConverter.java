package dev.tributary.server.ops;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Renders a stack trace on the event's own line, frames separated by {@code |}, so every event stays one line. */
public final class OneLineThrowableConverter extends ThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        String trace = super.convert(event).strip();
        return trace.isEmpty() ? "" : " | " + trace.replaceAll("\\R\\s*", " | ");
    }
}
