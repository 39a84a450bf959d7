package dev.tributary.server.connect;

import dev.tributary.server.connect.spi.ModelSyncMode;
import java.util.Set;

/** What the model sync cases of a contract suite need to know of, and check on, the connector under test. */
public interface ModelSyncContract extends ConnectorContract {

    /** The modes the connector's objects take; a contract case checks that the connector reports the same. */
    Set<ModelSyncMode> modelModes();

    /** Asserts that the connector refuses the mode clearly, naming what it does not take. */
    void assertRefuses(ModelSyncMode mode);
}
