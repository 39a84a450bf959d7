package dev.tributary.server.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import dev.tributary.server.config.Config;
import dev.tributary.server.jobs.JobEngine;
import io.sentry.Hint;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Sends unexpected errors to Sentry (SENTRY_DSN): every event logged at ERROR with an exception, which is how the API's
 * problem handler reports a 500 and the job engine a run that failed unexpectedly. What is sent cannot carry data: the
 * message is the log statement's template (code, never its arguments), exceptions keep their types and frames but lose
 * their messages (a database error quotes the row it choked on), and requests, extras, breadcrumbs and users are dropped.
 * Tags name the release, environment and deployment, and the ids of the request or run from the logging context.
 */
public final class ErrorReports extends AppenderBase<ILoggingEvent> {

    /** Ids from the logging context worth a tag: they identify, they hold no data. */
    private static final List<String> ID_KEYS = List.of(RequestObserver.REQUEST_ID, JobEngine.SYNC_ID, JobEngine.EXECUTION_ID);

    private ErrorReports() {}

    /** Starts sending, when SENTRY_DSN is set. */
    public static Optional<ErrorReports> start(Config config, String version) {
        return config.sentryDsn().map(dsn -> {
            Sentry.init(options -> {
                options.setDsn(dsn.reveal());
                options.setRelease("tributary@" + version);
                options.setEnvironment(config.mode().name().toLowerCase(Locale.ROOT));
                options.setTag("deployment", config.deployment());
                options.setEnableExternalConfiguration(false);
                options.setSendDefaultPii(false);
                options.setEnableUncaughtExceptionHandler(false);
                options.setBeforeBreadcrumb((breadcrumb, hint) -> null);
                options.setBeforeSend(ErrorReports::scrub);
            });
            ErrorReports reports = new ErrorReports();
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            reports.setContext(context);
            reports.setName("sentry");
            reports.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(reports);
            return reports;
        });
    }

    @Override
    protected void append(ILoggingEvent logged) {
        if (!logged.getLevel().isGreaterOrEqual(Level.ERROR) || !(logged.getThrowableProxy() instanceof ThrowableProxy proxy)) {
            return;
        }
        SentryEvent event = new SentryEvent(proxy.getThrowable());
        Message message = new Message();
        message.setMessage(logged.getMessage());
        event.setMessage(message);
        event.setLogger(logged.getLoggerName());
        event.setLevel(SentryLevel.ERROR);
        Map<String, String> context = logged.getMDCPropertyMap();
        ID_KEYS.stream().filter(context::containsKey).forEach(key -> event.setTag(key, context.get(key)));
        Sentry.captureEvent(event);
    }

    /** The last word on what leaves: whatever put it in the event, nothing that may hold data goes out. */
    static SentryEvent scrub(SentryEvent event, Hint hint) {
        Message message = event.getMessage();
        if (message != null) {
            // The template stays; its arguments and the formatted text, which hold them, go.
            message.setParams(null);
            message.setFormatted(null);
        }
        if (event.getExceptions() != null) {
            for (SentryException exception : event.getExceptions()) {
                exception.setValue(null);
            }
        }
        event.setRequest(null);
        event.setUser(null);
        event.setExtras(null);
        event.setBreadcrumbs(null);
        return event;
    }

    @Override
    public void stop() {
        super.stop();
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(this);
        Sentry.close();
    }
}
