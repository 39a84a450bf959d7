package dev.tributary.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "whsec-0123456789abcdef";
    private static final String BODY = "{\"id\":\"e1\",\"type\":\"bulk_sync.failed\",\"data\":{\"name\":\"Orders\"}}";
    private static final Instant SENT = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final String header = WebhookSignature.sign(SECRET, SENT.getEpochSecond(), BODY);

    @Test
    void aSignatureReadsTimestampThenHexHmac() {
        assertThat(header).matches("t=" + SENT.getEpochSecond() + ",v1=[0-9a-f]{64}");
    }

    @Test
    void theSignatureOfTheBodyWithTheSecretVerifies() {
        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.plusSeconds(30), TOLERANCE)).isTrue();
    }

    @Test
    void aTamperedBodyFails() {
        assertThat(WebhookSignature.verify(SECRET, header, BODY.replace("Orders", "Payroll"), SENT, TOLERANCE)).isFalse();
    }

    @Test
    void anotherSecretFails() {
        assertThat(WebhookSignature.verify("whsec-another-secret-0000", header, BODY, SENT, TOLERANCE)).isFalse();
    }

    @Test
    void aSignatureOlderThanTheToleranceFails() {
        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.plus(TOLERANCE).plusSeconds(1), TOLERANCE)).isFalse();
    }

    @Test
    void aSignatureFromTheFutureBeyondTheToleranceFails() {
        assertThat(WebhookSignature.verify(SECRET, header, BODY, SENT.minus(TOLERANCE).minusSeconds(1), TOLERANCE)).isFalse();
    }

    @Test
    void aTimestampChangedAfterSigningFails() {
        String moved = header.replace("t=" + SENT.getEpochSecond(), "t=" + (SENT.getEpochSecond() + 60));

        assertThat(WebhookSignature.verify(SECRET, moved, BODY, SENT, TOLERANCE)).isFalse();
    }

    @Test
    void malformedHeadersFail() {
        assertThat(WebhookSignature.verify(SECRET, "", BODY, SENT, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "v1=abc", BODY, SENT, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "t=soon,v1=abc", BODY, SENT, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "t=" + SENT.getEpochSecond() + ",v1=not-hex", BODY, SENT, TOLERANCE)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, null, BODY, SENT, TOLERANCE)).isFalse();
    }

    @Test
    void anyOfSeveralSignaturesMayMatch() {
        String rotated = "t=" + SENT.getEpochSecond() + ",v1=" + "00".repeat(32) + "," + header.substring(header.indexOf("v1="));

        assertThat(WebhookSignature.verify(SECRET, rotated, BODY, SENT, TOLERANCE)).isTrue();
    }
}
