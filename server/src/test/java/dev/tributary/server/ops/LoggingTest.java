package dev.tributary.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.server.config.Config.LogFormat;
import dev.tributary.server.config.Config.LogLevel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LoggingTest {

    private static final String SECRET = "s3cr\"et-pa$$";
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private final Logger log = LoggerFactory.getLogger("dev.tributary.test");

    @BeforeEach
    void captureStandardError() {
        originalErr = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(originalErr);
        Logging.configure(LogLevel.INFO, LogFormat.TEXT, List.of());
    }

    @Test
    void textLinesCarryNoSecretEvenInsideExceptions() {
        Logging.configure(LogLevel.INFO, LogFormat.TEXT, List.of(SECRET));

        log.info("connecting with password {}", SECRET);
        log.error("driver failed", new SQLException("password authentication failed for " + SECRET, new IllegalStateException("nested")));

        String output = output();
        assertThat(output).doesNotContain(SECRET).contains("connecting with password ****", "failed for ****", "nested");
        assertThat(output.lines()).as("one line per event, stack trace included").hasSize(2);
    }

    @Test
    void jsonLinesAreJsonAndCarryNoSecret() throws Exception {
        Logging.configure(LogLevel.INFO, LogFormat.JSON, List.of(SECRET));

        log.warn("token {} rejected", SECRET);

        List<String> lines = output().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode event = new ObjectMapper().readTree(lines.getFirst());
        assertThat(event.get("level").asText()).isEqualTo("WARN");
        assertThat(event.get("message").asText()).isEqualTo("token **** rejected");
        assertThat(lines.getFirst()).doesNotContain("s3cr");
    }

    @Test
    void levelFiltersEvents() {
        Logging.configure(LogLevel.WARN, LogFormat.TEXT, List.of());

        log.info("hidden");
        log.warn("shown");

        assertThat(output()).doesNotContain("hidden").contains("shown");
    }

    @Test
    void textLinesNameTheRequestOrRunTheyWereLoggedInAndOnlyThen() {
        Logging.configure(LogLevel.INFO, LogFormat.TEXT, List.of());

        try (MDC.MDCCloseable request = MDC.putCloseable("request_id", "req-1")) {
            log.info("inside");
        }
        log.info("outside");

        List<String> lines = output().lines().toList();
        assertThat(lines.get(0)).endsWith("dev.tributary.test [request_id=req-1] - inside");
        assertThat(lines.get(1)).endsWith("dev.tributary.test - outside");
    }

    private String output() {
        return captured.toString(StandardCharsets.UTF_8);
    }
}
