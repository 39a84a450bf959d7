package dev.tributary.console.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.protocol.identity.AdminTokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class CredentialsTest {

    private final Instant now = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void anApiKeyIsTradedForAnAdminTokenAgainOnlyWhenItIsAboutToExpire() {
        MovingClock clock = new MovingClock(now);
        Credentials.ApiKey key = new Credentials.ApiKey("trb_key", clock);
        List<String> traded = new ArrayList<>();
        Function<String, AdminTokenResponse> exchange = apiKey -> {
            traded.add(apiKey);
            return new AdminTokenResponse("token-" + traded.size(), clock.instant().plus(Duration.ofMinutes(15)));
        };

        String first = key.bearer(exchange);
        clock.now = now.plus(Duration.ofMinutes(14));
        String later = key.bearer(exchange);
        clock.now = now.plus(Duration.ofMinutes(14).plusSeconds(31));
        String renewed = key.bearer(exchange);

        assertThat(List.of(first, later, renewed)).containsExactly("token-1", "token-1", "token-2");
        assertThat(traded).containsExactly("trb_key", "trb_key");
    }

    @Test
    void apiKeysAreRecognisedByTheirPrefixAndAnythingElseIsSentAsItIs() {
        assertThat(Credentials.of(" trb_abc ", Clock.systemUTC())).isInstanceOf(Credentials.ApiKey.class)
                .extracting(Credentials::secret).isEqualTo("trb_abc");
        assertThat(Credentials.of("deployment-key", Clock.systemUTC())).isEqualTo(new Credentials.Direct("deployment-key"));
    }

    private static final class MovingClock extends Clock {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
