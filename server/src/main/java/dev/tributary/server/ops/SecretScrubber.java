package dev.tributary.server.ops;

import dev.tributary.server.config.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Replaces every known secret value in a text with {@code ****}, including its JSON-escaped and URL-encoded forms. */
final class SecretScrubber {

    private final List<String> needles;

    SecretScrubber(List<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            forms.add(secret);
            forms.add(secret.replace("\\", "\\\\").replace("\"", "\\\""));
            forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
        // Longest first, so a secret that contains another is masked whole.
        this.needles = forms.stream().filter(form -> !form.isEmpty()).sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    boolean idle() {
        return needles.isEmpty();
    }

    String scrub(String text) {
        String scrubbed = text;
        for (String needle : needles) {
            scrubbed = scrubbed.replace(needle, Secret.MASK);
        }
        return scrubbed;
    }
}
