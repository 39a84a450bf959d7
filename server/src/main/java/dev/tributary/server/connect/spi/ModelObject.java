package dev.tributary.server.connect.spi;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An object a model sync can write to, and the modes it takes; a mode that
 * {@link ModelSyncMode#requiresIdentity() requires an identity} needs an identity field mapped.
 */
public record ModelObject(String name, Set<ModelSyncMode> modes) {

    public ModelObject {
        Objects.requireNonNull(name, "name");
        modes = Set.copyOf(modes);
    }

    /** Refuses an operation that none of the object's modes needs, naming the modes it takes. */
    public void checkAccepts(ModelOperation operation) {
        if (!ModelSyncMode.operationsOf(modes).contains(operation)) {
            throw refusal(operation.name());
        }
    }

    /** Refuses {@link ModelWriter#retainOnly} unless the object takes {@link ModelSyncMode#REPLACE}. */
    public void checkAcceptsRetainOnly() {
        if (!modes.contains(ModelSyncMode.REPLACE)) {
            throw refusal("retainOnly (" + ModelSyncMode.REPLACE + ")");
        }
    }

    private UnsupportedOperationException refusal(String what) {
        return new UnsupportedOperationException(name + " does not take " + what + " in a model sync; it takes the modes "
                + modes.stream().map(Enum::name).sorted().collect(Collectors.joining(", ")) + ". Choose one of those.");
    }
}
