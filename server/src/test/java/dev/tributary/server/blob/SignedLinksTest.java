package dev.tributary.server.blob;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.testing.MutableClock;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SignedLinksTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T09:00:00Z"));
    private final SignedLinks links = new SignedLinks(new byte[32], URI.create("https://tributary.example.com"), clock);

    @Test
    void aLinkNamesTheStoreAndKeyAndIsValidUntilItExpires() {
        URI link = links.sign("exports", "queries/q1/e1.csv", Duration.ofHours(1));
        Map<String, String> query = query(link);

        assertThat(link.toString()).startsWith("https://tributary.example.com/downloads/exports?key=queries%2Fq1%2Fe1.csv&expires=1740823200&signature=");
        assertThat(links.verify("exports", query.get("key"), query.get("expires"), query.get("signature"))).isEqualTo(new SignedLinks.Verdict.Valid());

        clock.advance(Duration.ofHours(1));

        assertThat(links.verify("exports", query.get("key"), query.get("expires"), query.get("signature")))
                .isEqualTo(new SignedLinks.Verdict.Expired(Instant.parse("2025-03-01T10:00:00Z")));
    }

    @Test
    void aLinkWithAnyPartChangedIsForged() {
        Map<String, String> query = query(links.sign("exports", "queries/q1/e1.csv", Duration.ofHours(1)));
        String signature = query.get("signature");

        assertThat(links.verify("exports", "queries/q2/e1.csv", query.get("expires"), signature)).isEqualTo(new SignedLinks.Verdict.Forged());
        assertThat(links.verify("logs", query.get("key"), query.get("expires"), signature)).isEqualTo(new SignedLinks.Verdict.Forged());
        assertThat(links.verify("exports", query.get("key"), "99999999999", signature)).isEqualTo(new SignedLinks.Verdict.Forged());
        assertThat(links.verify("exports", query.get("key"), "soon", signature)).isEqualTo(new SignedLinks.Verdict.Forged());
        assertThat(links.verify("exports", query.get("key"), query.get("expires"), "")).isEqualTo(new SignedLinks.Verdict.Forged());
        assertThat(new SignedLinks(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
                28, 29, 30, 31, 32}, URI.create("https://tributary.example.com"), clock)
                .verify("exports", query.get("key"), query.get("expires"), signature)).isEqualTo(new SignedLinks.Verdict.Forged());
    }

    private static Map<String, String> query(URI link) {
        return Arrays.stream(link.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8)));
    }
}
