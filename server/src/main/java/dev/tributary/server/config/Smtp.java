package dev.tributary.server.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP server that sends email alerts (SMTP_HOST and the SMTP_* variables around it).
 *
 * @param starttls whether the connection must be upgraded with STARTTLS before anything is sent
 */
public record Smtp(String host, int port, Optional<String> username, Optional<Secret> password, String from, boolean starttls) {

    public Smtp {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(from, "from");
    }
}
