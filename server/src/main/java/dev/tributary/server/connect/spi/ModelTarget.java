package dev.tributary.server.connect.spi;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how a model sync writes.
 *
 * @param object the destination object, as {@link Connector#modelTargets()} names it
 * @param fields the mapped destination fields, identity included, in the order of the records' values
 * @param identityField the field records are matched by; null for a sync that only appends
 * @param match how identity values are compared
 * @param insertOnlyFields mapped fields whose {@code sync_mode} is {@code create}: they are set when a record is inserted,
 *     and on update only where the destination holds no value yet (NULL); an existing value is never overwritten
 */
public record ModelTarget(String object, List<Field> fields, String identityField, IdentityMatch match, Set<String> insertOnlyFields) {

    public ModelTarget {
        Objects.requireNonNull(object, "object");
        fields = List.copyOf(fields);
        Objects.requireNonNull(match, "match");
        insertOnlyFields = Set.copyOf(insertOnlyFields);
        List<String> names = fields.stream().map(Field::name).toList();
        if (identityField != null && !names.contains(identityField)) {
            throw new IllegalArgumentException("the identity field " + identityField + " is not among the mapped fields " + names);
        }
        for (String name : insertOnlyFields) {
            if (!names.contains(name) || name.equals(identityField)) {
                throw new IllegalArgumentException(name + " is marked insert-only but is not a mapped field other than the identity");
            }
        }
    }

    /** A target matching by exact identity with no insert-only fields. */
    public static ModelTarget of(String object, List<Field> fields, String identityField) {
        return new ModelTarget(object, fields, identityField, IdentityMatch.EXACT, Set.of());
    }

    /** The position of the identity among the fields, or -1 without one. */
    public int identityIndex() {
        return identityField == null ? -1 : fields.stream().map(Field::name).toList().indexOf(identityField);
    }

    /** Refuses an operation that matches records by identity when the target has no identity field. */
    public void checkIdentityFor(ModelOperation operation) {
        if (operation.needsIdentity() && identityField == null) {
            throw new IllegalArgumentException(operation + " matches records by identity, and the target has no identity field; map one");
        }
    }

    /** The outcome of a record whose identity is empty, which no operation matching by identity can place. */
    public RecordOutcome.Rejected missingIdentity() {
        return new RecordOutcome.Rejected(identityField, "is empty; a record needs an identity to be matched");
    }

    public Field identity() {
        if (identityField == null) {
            throw new IllegalStateException("this target has no identity field");
        }
        return fields.get(identityIndex());
    }
}
