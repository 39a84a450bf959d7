package dev.tributary.server.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import dev.tributary.server.config.Config.LogFormat;
import dev.tributary.server.config.Config.LogLevel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Sets up the process's logging once the configuration is known: level, format, and secret scrubbing. */
public final class Logging {

    /**
     * Libraries that are chatty at INFO; they log at WARN unless the level asks for DEBUG. Flyway logs two lines each
     * time the admin health reads the schema version, every few seconds while a console is open; the server says
     * itself which migrations it applied.
     */
    private static final List<String> QUIET_LIBRARIES = List.of(
            "org.hibernate", "com.zaxxer.hikari", "io.zonky", "org.xnio", "io.undertow", "org.jboss", "org.postgresql", "io.lettuce",
            "org.apache.parquet", "org.apache.hadoop", "org.flywaydb");

    /** The logging context (request_id, sync_id, execution_id) follows the logger in brackets, when there is one. */
    private static final String TEXT_PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX,UTC} %-5level [%thread] %logger{36}%replace( [%mdc]){' \\[\\]', ''} - %msg%oneLineEx%n";

    /** The log file rolls over at this size, keeping this many older files (FILE.1 to FILE.5). */
    private static final String FILE_SIZE = "100MB";
    private static final int FILES_KEPT = 5;

    /** Lines kept in memory for the admin API: enough for an incident's worth of context, small enough to ignore. */
    private static final int RING_CAPACITY = 10_000;

    private static volatile LogRing ring = new LogRing(RING_CAPACITY, new SecretScrubber(List.of()));

    private Logging() {}

    /** The process's recent log lines. Logging is process-wide, so this is too. */
    public static LogRing ring() {
        return ring;
    }

    /**
     * @param level the level for Tributary's own loggers
     * @param format one line of text or one JSON object per event
     * @param secrets clear values that must never reach the output
     */
    public static void configure(LogLevel level, LogFormat format, List<String> secrets) {
        configure(level, format, secrets, Optional.empty());
    }

    /** As above, and the server's log also written to {@code file} (LOG_FILE) as JSON lines the admin API reads back. */
    public static void configure(LogLevel level, LogFormat format, List<String> secrets, Optional<Path> file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS,
                new HashMap<String, Supplier<DynamicConverter<?>>>(Map.of("oneLineEx", OneLineThrowableConverter::new)));

        Encoder<ILoggingEvent> inner = format == LogFormat.JSON ? new LogstashEncoder() : textEncoder();
        inner.setContext(context);
        inner.start();
        SecretScrubber scrubber = new SecretScrubber(secrets);
        SecretScrubbingEncoder encoder = new SecretScrubbingEncoder(inner, scrubber);
        encoder.setContext(context);
        encoder.start();

        // Logs go to standard error so that CLI output on standard out stays clean for scripts.
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("console");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(toLogback(level));
        root.addAppender(appender);
        file.ifPresent(path -> root.addAppender(fileAppender(context, path, scrubber)));
        LogRing logRing = new LogRing(RING_CAPACITY, scrubber);
        logRing.setContext(context);
        logRing.setName("ring");
        logRing.start();
        root.addAppender(logRing);
        ring = logRing;
        Level libraries = level == LogLevel.DEBUG ? Level.INFO : Level.WARN;
        QUIET_LIBRARIES.forEach(name -> context.getLogger(name).setLevel(libraries));

        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    private static RollingFileAppender<ILoggingEvent> fileAppender(LoggerContext context, Path path, SecretScrubber scrubber) {
        LogstashEncoder json = new LogstashEncoder();
        json.setContext(context);
        json.start();
        SecretScrubbingEncoder encoder = new SecretScrubbingEncoder(json, scrubber);
        encoder.setContext(context);
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(path.toString());
        appender.setEncoder(encoder);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(path + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(FILES_KEPT);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(FileSize.valueOf(FILE_SIZE));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.start();
        return appender;
    }

    private static PatternLayoutEncoder textEncoder() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern(TEXT_PATTERN);
        return encoder;
    }

    private static Level toLogback(LogLevel level) {
        return switch (level) {
            case DEBUG -> Level.DEBUG;
            case INFO -> Level.INFO;
            case WARN -> Level.WARN;
            case ERROR -> Level.ERROR;
        };
    }
}
