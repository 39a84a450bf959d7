package dev.tributary.server.connect.spi;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An object a model sync can write to, with what the mapping editor needs of each field.
 *
 * @param fields the object's fields
 * @param anyField whether fields beyond those listed may be mapped, as with an HTTP endpoint that takes whatever a
 *     record carries
 */
public record ModelObjectDetail(ModelObject object, List<ModelField> fields, boolean anyField) {

    public ModelObjectDetail {
        Objects.requireNonNull(object, "object");
        fields = List.copyOf(fields);
    }

    /**
     * One field of a model sync's destination object.
     *
     * @param createable whether a sync may set it when it inserts a record
     * @param updateable whether a sync may set it when it updates a record
     * @param identityMatches how it can match records as the identity field; empty when it cannot be one (JSON, bytes,
     *     arrays and floating-point numbers do not compare reliably)
     */
    public record ModelField(Field field, boolean createable, boolean updateable, Set<IdentityMatch> identityMatches) {

        public ModelField {
            Objects.requireNonNull(field, "field");
            identityMatches = Set.copyOf(identityMatches);
        }

        public boolean identityCapable() {
            return !identityMatches.isEmpty();
        }

        /** How a field of this canonical type can serve as an identity: text also case-insensitively, the comparable others exactly. */
        public static Set<IdentityMatch> identityMatchesOf(CanonicalType type) {
            return switch (type) {
                case CanonicalType.StringType ignored -> Set.of(IdentityMatch.EXACT, IdentityMatch.CASE_INSENSITIVE);
                case CanonicalType.Json ignored -> Set.of();
                case CanonicalType.Bytes ignored -> Set.of();
                case CanonicalType.Array ignored -> Set.of();
                case CanonicalType.Float32 ignored -> Set.of();
                case CanonicalType.Float64 ignored -> Set.of();
                default -> Set.of(IdentityMatch.EXACT);
            };
        }
    }
}
