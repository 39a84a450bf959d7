package dev.tributary.server.connect;

import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Connector;
import dev.tributary.server.connect.spi.ConnectorFactory;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.Row;
import java.util.List;

/** What a contract suite needs to know of the connector under test. */
public interface ConnectorContract {

    ConnectorFactory factory();

    /** The connector the current case works with, opened by the suite before each case. */
    Connector connectorUnderTest();

    /** The fields of the round-trip cases: every canonical type the connector stores as itself. */
    default List<Field> sampleFields() {
        return CanonicalSamples.FIELDS;
    }

    /** The records of the round-trip cases, with values the connector can hold. */
    default List<Row> sampleRows() {
        return CanonicalSamples.ROWS;
    }

    /** The canonical type discovery reports for a column created for this field. */
    default CanonicalType discoveredType(Field field) {
        return field.type();
    }
}
