package dev.tributary.server.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/** Scrubs every known secret out of encoded log output, whatever logged it: our code, a driver's error message or a stack trace. */
final class SecretScrubbingEncoder extends EncoderBase<ILoggingEvent> {

    private final Encoder<ILoggingEvent> inner;
    private final SecretScrubber scrubber;

    SecretScrubbingEncoder(Encoder<ILoggingEvent> inner, SecretScrubber scrubber) {
        this.inner = inner;
        this.scrubber = scrubber;
    }

    @Override
    public byte[] headerBytes() {
        return inner.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] encoded = inner.encode(event);
        if (scrubber.idle()) {
            return encoded;
        }
        String text = new String(encoded, StandardCharsets.UTF_8);
        String scrubbed = scrubber.scrub(text);
        return scrubbed.equals(text) ? encoded : scrubbed.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return inner.footerBytes();
    }
}
