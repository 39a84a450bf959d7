package dev.tributary.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.User;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorReportsTest {

    @Test
    void whateverPutDataInAnEventTheScrubberLeavesOnlyTheTemplateTheExceptionTypesAndTheIds() {
        SentryEvent event = new SentryEvent();
        Message message = new Message();
        message.setMessage("GET {} failed");
        message.setParams(List.of("/api/x?email=ada@example.com"));
        message.setFormatted("GET /api/x?email=ada@example.com failed");
        event.setMessage(message);
        SentryException exception = new SentryException();
        exception.setType("PSQLException");
        exception.setValue("duplicate key value (email)=(ada@example.com)");
        event.setExceptions(List.of(exception));
        Request request = new Request();
        request.setQueryString("email=ada@example.com");
        request.setData("{\"password\": \"hunter2\"}");
        event.setRequest(request);
        User user = new User();
        user.setEmail("ada@example.com");
        event.setUser(user);
        event.setExtras(Map.of("row", "ada@example.com"));
        event.setBreadcrumbs(List.of(Breadcrumb.info("SELECT * FROM users WHERE email = 'ada@example.com'")));
        event.setTag("execution_id", "6f1c");

        SentryEvent sent = ErrorReports.scrub(event, new Hint());

        assertThat(sent.getMessage().getMessage()).isEqualTo("GET {} failed");
        assertThat(sent.getMessage().getParams()).isNull();
        assertThat(sent.getMessage().getFormatted()).isNull();
        assertThat(sent.getExceptions()).singleElement().satisfies(kept -> {
            assertThat(kept.getType()).isEqualTo("PSQLException");
            assertThat(kept.getValue()).isNull();
        });
        assertThat(sent.getRequest()).isNull();
        assertThat(sent.getUser()).isNull();
        assertThat(sent.getExtras()).isNullOrEmpty();
        assertThat(sent.getBreadcrumbs()).isNullOrEmpty();
        assertThat(sent.getTag("execution_id")).isEqualTo("6f1c");
    }
}
