package dev.tributary.server.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertEmailsTest {

    private static final URI APP = URI.create("https://tributary.example.com");

    @Test
    void aFailedBulkSyncIsNamedWithItsErrorAndALinkToTheRun() {
        AlertEmails.Email email = AlertEmails.forEvent(EventType.BULK_SYNC_FAILED, Map.of("name", "Orders", "bulk_sync_id", "b1",
                "execution_id", "x1", "error", "connection refused"), APP);

        assertThat(email.subject()).isEqualTo("Tributary: bulk sync 'Orders' failed");
        assertThat(email.body()).contains("The bulk sync 'Orders' failed.", "Error: connection refused",
                "https://tributary.example.com/bulk/syncs/b1/executions/x1");
    }

    @Test
    void aModelSyncLinksToItsOwnPageAndAnEventWithoutIdsToTheStartPage() {
        assertThat(AlertEmails.forEvent(EventType.SYNC_FAILED, Map.of("name", "CRM", "sync_id", "s1"), APP).body())
                .contains("https://tributary.example.com/syncs/s1\n");
        assertThat(AlertEmails.forEvent(EventType.SYNC_FAILED, Map.of(), APP).body())
                .contains("sync 'unnamed' failed", "Open it: https://tributary.example.com/\n");
    }

    @Test
    void aLongRunSaysForHowLong() {
        AlertEmails.Email email = AlertEmails.longRunning("Orders", "/bulk/syncs/b1/executions/x1", Duration.ofMinutes(125),
                Map.of("bulk_sync_id", "b1", "execution_id", "x1"), APP);

        assertThat(email.subject()).isEqualTo("Tributary: bulk sync 'Orders' has been running for 2 h 5 min");
        assertThat(email.body()).contains("https://tributary.example.com/bulk/syncs/b1/executions/x1");
    }

    @Test
    void durationsReadInHoursAndMinutes() {
        assertThat(AlertEmails.duration(Duration.ofSeconds(20))).isEqualTo("1 min");
        assertThat(AlertEmails.duration(Duration.ofMinutes(45))).isEqualTo("45 min");
        assertThat(AlertEmails.duration(Duration.ofHours(3))).isEqualTo("3 h");
    }
}
