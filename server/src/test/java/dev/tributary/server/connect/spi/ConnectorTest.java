package dev.tributary.server.connect.spi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorTest {

    /** A connector that declares no optional capability. */
    private static final class MinimalConnector implements Connector {
        @Override
        public TestResult test() {
            return new TestResult.Passed("ok");
        }

        @Override
        public Catalog discover() {
            return new Catalog(List.of());
        }

        @Override
        public void close() {}
    }

    @Test
    void capabilitiesAConnectorDoesNotImplementAreRefusedByName() {
        Connector connector = new MinimalConnector();
        ReadRequest request = new ReadRequest("public", "events", List.of(), Checkpoint.START, 10);

        assertThatThrownBy(() -> connector.read(request)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("MinimalConnector does not support SOURCE; check the factory's capabilities before calling");
        assertThatThrownBy(() -> connector.readIncremental(request, "updated_at")).hasMessageContaining("does not support INCREMENTAL");
        assertThatThrownBy(() -> connector.openUpsert("events", List.of())).hasMessageContaining("does not support UPSERT");
        assertThatThrownBy(() -> connector.openReplace("events", List.of())).hasMessageContaining("does not support ATOMIC_REFRESH");
        assertThatThrownBy(() -> connector.openAppend("events", List.of())).hasMessageContaining("does not support DESTINATION");
    }
}
