package dev.tributary.console.client;

import dev.tributary.protocol.identity.AdminTokenResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/** What the console sends as {@code Authorization: Bearer ...} to the admin API. */
public sealed interface Credentials {

    /** The bearer value for the next call; may ask the server for a fresh admin token. */
    String bearer(Function<String, AdminTokenResponse> exchange);

    /** What is kept in the keyring to reconnect later. */
    String secret();

    /** The deployment key, or an admin token from the browser sign-in: sent as it is. */
    record Direct(String secret) implements Credentials {
        @Override
        public String bearer(Function<String, AdminTokenResponse> exchange) {
            return secret;
        }
    }

    /**
     * ROOT_USER's API key: the admin API takes only admin tokens of that user, so the key is traded for one
     * ({@code POST /api/admin/tokens}) and again shortly before it expires.
     */
    final class ApiKey implements Credentials {
        private static final Duration MARGIN = Duration.ofSeconds(30);
        private final String key;
        private final Clock clock;
        private AdminTokenResponse token;

        public ApiKey(String key, Clock clock) {
            this.key = key;
            this.clock = clock;
        }

        @Override
        public synchronized String bearer(Function<String, AdminTokenResponse> exchange) {
            Instant now = clock.instant();
            if (token == null || token.expiresAt().minus(MARGIN).isBefore(now)) {
                token = exchange.apply(key);
            }
            return token.token();
        }

        @Override
        public String secret() {
            return key;
        }
    }

    /** API keys start with {@code trb_}; anything else is taken as the deployment key or an admin token. */
    static Credentials of(String secret, Clock clock) {
        String trimmed = secret.strip();
        return trimmed.startsWith("trb_") ? new ApiKey(trimmed, clock) : new Direct(trimmed);
    }
}
