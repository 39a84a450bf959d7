package dev.tributary.server.ops;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import dev.tributary.server.config.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Replaces every known secret value in encoded log output with {@code ****}, whatever logged it:
 * our code, a driver's error message or a stack trace. Also catches the JSON-escaped and URL-encoded forms.
 */
final class SecretScrubbingEncoder extends EncoderBase<ILoggingEvent> {

    private final Encoder<ILoggingEvent> inner;
    private final List<String> needles;

    SecretScrubbingEncoder(Encoder<ILoggingEvent> inner, List<String> secrets) {
        this.inner = inner;
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            forms.add(secret);
            forms.add(secret.replace("\\", "\\\\").replace("\"", "\\\""));
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
        // Longest first, so a secret that contains another is masked whole.
        this.needles = forms.stream().filter(form -> !form.isEmpty()).sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    @Override
    public byte[] headerBytes() {
        return inner.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] encoded = inner.encode(event);
        if (needles.isEmpty()) {
            return encoded;
        }
        String text = new String(encoded, StandardCharsets.UTF_8);
        String scrubbed = text;
        for (String needle : needles) {
            scrubbed = scrubbed.replace(needle, Secret.MASK);
        }
        return scrubbed == text ? encoded : scrubbed.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return inner.footerBytes();
    }
}
