package dev.tributary.server.connect.spi;

import java.util.EnumSet;
import java.util.Set;

/**
 * The modes of a model sync, as the mapping editor offers them, and the {@link ModelOperation}s each needs from a
 * destination. An object lists the modes it takes in {@link ModelObject#modes()}.
 */
public enum ModelSyncMode {
    /** {@code create}: inserts only the identities the destination does not have. */
    CREATE(EnumSet.of(ModelOperation.INSERT_NEW)),
    /** {@code update}: touches only the identities the destination has. */
    UPDATE(EnumSet.of(ModelOperation.UPDATE_EXISTING)),
    /** {@code updateOrCreate}: upserts. */
    UPDATE_OR_CREATE(EnumSet.of(ModelOperation.UPSERT)),
    /**
     * {@code replace}: makes the object equal to the model. Upserts, deletes the records that left the model, and on the
     * first run keeps only the model's identities ({@link ModelWriter#retainOnly}).
     */
    REPLACE(EnumSet.of(ModelOperation.UPSERT, ModelOperation.DELETE)),
    /** {@code append}: inserts every record on every run. */
    APPEND(EnumSet.of(ModelOperation.APPEND)),
    /** {@code remove}: deletes the destination records whose identity is in the model. */
    REMOVE(EnumSet.of(ModelOperation.DELETE));

    private final Set<ModelOperation> operations;

    ModelSyncMode(Set<ModelOperation> operations) {
        this.operations = operations;
    }

    public Set<ModelOperation> operations() {
        return EnumSet.copyOf(operations);
    }

    /** Whether a sync in this mode must map an identity field: every mode but append matches records by it. */
    public boolean requiresIdentity() {
        return this != APPEND;
    }

    /** The operations the given modes need between them, which a writer for an object taking those modes must accept. */
    public static Set<ModelOperation> operationsOf(Set<ModelSyncMode> modes) {
        Set<ModelOperation> all = EnumSet.noneOf(ModelOperation.class);
        modes.forEach(mode -> all.addAll(mode.operations));
        return all;
    }
}
