package dev.tributary.server.connect.parquet;

import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Field;
import java.math.BigInteger;
import java.util.List;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * The Parquet type of each canonical type, and back. Times are kept to the microsecond; an unbounded decimal has no
 * Parquet type, so it is written as its exact text; arrays are the standard three-level {@code LIST}.
 */
public final class ParquetTypes {

    /** Bounded decimals up to this precision fit an {@code INT64}'s unscaled value. */
    static final int LONG_DECIMAL_DIGITS = 18;

    private ParquetTypes() {}

    /** The schema of a file holding these fields; a field that may be empty is {@code optional}. */
    public static MessageType schema(List<Field> fields) {
        Types.MessageTypeBuilder message = Types.buildMessage();
        for (Field field : fields) {
            message.addField(type(field.type(), field.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED, field.name()));
        }
        return message.named("record");
    }

    private static Type type(CanonicalType type, Repetition repetition, String name) {
        if (type instanceof CanonicalType.Array array) {
            return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
                    .addField(Types.repeatedGroup().addField(type(array.element(), Repetition.OPTIONAL, "element")).named("list"))
                    .named(name);
        }
        return switch (type) {
            case CanonicalType.BooleanType ignored -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
            case CanonicalType.Int16 ignored -> Types.primitive(PrimitiveTypeName.INT32, repetition)
                    .as(LogicalTypeAnnotation.intType(16, true)).named(name);
            case CanonicalType.Int32 ignored -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
            case CanonicalType.Int64 ignored -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
            case CanonicalType.Decimal decimal when !decimal.bounded() -> text(repetition, name);
            case CanonicalType.Decimal decimal when decimal.precision() <= LONG_DECIMAL_DIGITS -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision())).named(name);
            case CanonicalType.Decimal decimal -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                    .length(decimalBytes(decimal.precision()))
                    .as(LogicalTypeAnnotation.decimalType(decimal.scale(), decimal.precision())).named(name);
            case CanonicalType.Float32 ignored -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
            case CanonicalType.Float64 ignored -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
            case CanonicalType.StringType ignored -> text(repetition, name);
            case CanonicalType.Json ignored -> Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.jsonType()).named(name);
            case CanonicalType.Bytes ignored -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
            case CanonicalType.Date ignored -> Types.primitive(PrimitiveTypeName.INT32, repetition).as(LogicalTypeAnnotation.dateType()).named(name);
            case CanonicalType.Time ignored -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS)).named(name);
            case CanonicalType.Timestamp ignored -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS)).named(name);
            case CanonicalType.TimestampTz ignored -> Types.primitive(PrimitiveTypeName.INT64, repetition)
                    .as(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS)).named(name);
            case CanonicalType.Uuid ignored -> Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition).length(16)
                    .as(LogicalTypeAnnotation.uuidType()).named(name);
            case CanonicalType.Array ignored -> throw new IllegalStateException("arrays are built above");
        };
    }

    private static Type text(Repetition repetition, String name) {
        return Types.primitive(PrimitiveTypeName.BINARY, repetition).as(LogicalTypeAnnotation.stringType()).named(name);
    }

    /** Whether the group is a standard three-level list: a repeated group of one element. */
    static boolean isList(GroupType group) {
        return group.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                && group.getFieldCount() == 1 && !group.getType(0).isPrimitive() && group.getType(0).asGroupType().getFieldCount() == 1;
    }

    /** Whether every value of the integer annotation fits a signed 16-bit integer. */
    static boolean fitsInt16(IntLogicalTypeAnnotation integer) {
        return integer.isSigned() ? integer.getBitWidth() <= 16 : integer.getBitWidth() < 16;
    }

    /** The fewest bytes whose two's complement holds every unscaled value of that many digits. */
    static int decimalBytes(int precision) {
        return BigInteger.TEN.pow(precision).bitLength() / 8 + 1;
    }

    /**
     * The canonical type of a column of a file written by any tool.
     *
     * @throws IllegalArgumentException for nested groups other than lists, which have none
     */
    public static CanonicalType canonical(Type type) {
        if (!type.isPrimitive()) {
            GroupType group = type.asGroupType();
            if (isList(group)) {
                return new CanonicalType.Array(canonical(group.getType(0).asGroupType().getType(0)));
            }
            throw new IllegalArgumentException("is a nested group, which is not read; flatten it into columns");
        }
        PrimitiveType primitive = type.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        if (logical instanceof DecimalLogicalTypeAnnotation decimal) {
            return new CanonicalType.Decimal(decimal.getPrecision(), decimal.getScale());
        }
        return switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN -> CanonicalType.BOOLEAN;
            case INT32 -> switch (logical) {
                case IntLogicalTypeAnnotation integer when fitsInt16(integer) -> CanonicalType.INT16;
                case IntLogicalTypeAnnotation integer when !integer.isSigned() -> CanonicalType.INT64;
                case LogicalTypeAnnotation.DateLogicalTypeAnnotation ignored -> CanonicalType.DATE;
                case TimeLogicalTypeAnnotation ignored -> CanonicalType.TIME;
                case null, default -> CanonicalType.INT32;
            };
            case INT64 -> switch (logical) {
                case IntLogicalTypeAnnotation integer when !integer.isSigned() -> new CanonicalType.Decimal(20, 0);
                case TimeLogicalTypeAnnotation ignored -> CanonicalType.TIME;
                case TimestampLogicalTypeAnnotation timestamp -> timestamp.isAdjustedToUTC() ? CanonicalType.TIMESTAMPTZ : CanonicalType.TIMESTAMP;
                case null, default -> CanonicalType.INT64;
            };
            // Impala's and older Spark's timestamps: nanoseconds of the day, then the Julian day.
            case INT96 -> CanonicalType.TIMESTAMPTZ;
            case FLOAT -> CanonicalType.FLOAT32;
            case DOUBLE -> CanonicalType.FLOAT64;
            case BINARY, FIXED_LEN_BYTE_ARRAY -> switch (logical) {
                case LogicalTypeAnnotation.StringLogicalTypeAnnotation ignored -> CanonicalType.STRING;
                case LogicalTypeAnnotation.EnumLogicalTypeAnnotation ignored -> CanonicalType.STRING;
                case LogicalTypeAnnotation.JsonLogicalTypeAnnotation ignored -> CanonicalType.JSON;
                case LogicalTypeAnnotation.UUIDLogicalTypeAnnotation ignored -> CanonicalType.UUID;
                case null, default -> CanonicalType.BYTES;
            };
        };
    }
}
