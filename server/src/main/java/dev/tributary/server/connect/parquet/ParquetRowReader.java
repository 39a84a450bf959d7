package dev.tributary.server.connect.parquet;

import dev.tributary.server.connect.spi.Field;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/** Reads the records of a local Parquet file written by any tool, as canonical values of the columns' types. */
public final class ParquetRowReader implements AutoCloseable {

    private static final long JULIAN_DAY_OF_EPOCH = 2_440_588;

    private final MessageType schema;
    private final ParquetReader<Group> reader;
    private Group current;

    public ParquetRowReader(Path file) throws IOException {
        InputFile input = new LocalInputFile(file);
        try (ParquetFileReader footer = ParquetFileReader.open(input)) {
            this.schema = footer.getFileMetaData().getSchema();
        }
        this.reader = new Builder(input).build();
    }

    /** The file's columns that can be read (nested groups other than lists are left out); a column not {@code required} may be empty. */
    public List<Field> fields() {
        List<Field> fields = new ArrayList<>();
        for (Type column : schema.getFields()) {
            if (column.isPrimitive() || ParquetTypes.isList(column.asGroupType())) {
                fields.add(Field.of(column.getName(), ParquetTypes.canonical(column), !column.isRepetition(Type.Repetition.REQUIRED), false));
            }
        }
        return fields;
    }

    /** The column names of the file, in order. */
    public List<String> fieldNames() {
        return schema.getFields().stream().map(Type::getName).toList();
    }

    /** Moves to the next record; false after the last. */
    public boolean next() throws IOException {
        current = reader.read();
        return current != null;
    }

    /**
     * The current record's value of a column, converted only when asked, so that columns no one reads may be of any type.
     *
     * @throws IllegalArgumentException for a nested group other than a list
     */
    public Object value(int column) {
        Type type = schema.getType(column);
        if (!type.isPrimitive()) {
            ParquetTypes.canonical(type);
        }
        return current.getFieldRepetitionCount(column) == 0 ? null : value(current, column, 0, type);
    }

    private static Object value(Group group, int field, int index, Type type) {
        if (!type.isPrimitive()) {
            return list(group.getGroup(field, index), type.asGroupType());
        }
        PrimitiveType primitive = type.asPrimitiveType();
        LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
        return switch (primitive.getPrimitiveTypeName()) {
            case BOOLEAN -> group.getBoolean(field, index);
            case INT32 -> int32(group.getInteger(field, index), logical);
            case INT64 -> int64(group.getLong(field, index), logical);
            case INT96 -> int96(group.getInt96(field, index).getBytes());
            case FLOAT -> group.getFloat(field, index);
            case DOUBLE -> group.getDouble(field, index);
            case BINARY, FIXED_LEN_BYTE_ARRAY -> binary(group.getBinary(field, index).getBytes(), logical);
        };
    }

    private static List<Object> list(Group list, GroupType type) {
        Type element = type.getType(0).asGroupType().getType(0);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < list.getFieldRepetitionCount(0); i++) {
            Group item = list.getGroup(0, i);
            values.add(item.getFieldRepetitionCount(0) == 0 ? null : value(item, 0, 0, element));
        }
        return values;
    }

    private static Object int32(int value, LogicalTypeAnnotation logical) {
        return switch (logical) {
            case DecimalLogicalTypeAnnotation decimal -> BigDecimal.valueOf(value, decimal.getScale());
            case LogicalTypeAnnotation.DateLogicalTypeAnnotation ignored -> LocalDate.ofEpochDay(value);
            case TimeLogicalTypeAnnotation ignored -> LocalTime.ofNanoOfDay(value * 1_000_000L);
            case IntLogicalTypeAnnotation integer when ParquetTypes.fitsInt16(integer) -> (short) value;
            case IntLogicalTypeAnnotation integer when !integer.isSigned() -> Integer.toUnsignedLong(value);
            case null, default -> value;
        };
    }

    private static Object int64(long value, LogicalTypeAnnotation logical) {
        return switch (logical) {
            case DecimalLogicalTypeAnnotation decimal -> BigDecimal.valueOf(value, decimal.getScale());
            case TimeLogicalTypeAnnotation time -> LocalTime.ofNanoOfDay(nanos(value, time.getUnit()));
            case TimestampLogicalTypeAnnotation timestamp -> {
                long perSecond = 1_000_000_000L / nanosPerUnit(timestamp.getUnit());
                Instant instant = Instant.ofEpochSecond(Math.floorDiv(value, perSecond),
                        Math.floorMod(value, perSecond) * nanosPerUnit(timestamp.getUnit()));
                yield timestamp.isAdjustedToUTC() ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
            }
            case IntLogicalTypeAnnotation integer when !integer.isSigned() -> new BigDecimal(Long.toUnsignedString(value));
            case null, default -> value;
        };
    }

    private static long nanos(long value, TimeUnit unit) {
        return value * nanosPerUnit(unit);
    }

    private static long nanosPerUnit(TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> 1_000_000L;
            case MICROS -> 1_000L;
            case NANOS -> 1L;
        };
    }

    /** Nanoseconds of the day, then the Julian day, little-endian. */
    private static Instant int96(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long nanosOfDay = buffer.getLong();
        long julianDay = Integer.toUnsignedLong(buffer.getInt());
        return LocalDate.ofEpochDay(julianDay - JULIAN_DAY_OF_EPOCH).atStartOfDay().toInstant(ZoneOffset.UTC).plusNanos(nanosOfDay);
    }

    private static Object binary(byte[] bytes, LogicalTypeAnnotation logical) {
        return switch (logical) {
            case DecimalLogicalTypeAnnotation decimal -> new BigDecimal(new BigInteger(bytes), decimal.getScale());
            case LogicalTypeAnnotation.UUIDLogicalTypeAnnotation ignored -> {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                yield new UUID(buffer.getLong(), buffer.getLong());
            }
            case LogicalTypeAnnotation.StringLogicalTypeAnnotation ignored -> new String(bytes, StandardCharsets.UTF_8);
            case LogicalTypeAnnotation.EnumLogicalTypeAnnotation ignored -> new String(bytes, StandardCharsets.UTF_8);
            case LogicalTypeAnnotation.JsonLogicalTypeAnnotation ignored -> new String(bytes, StandardCharsets.UTF_8);
            case null, default -> bytes;
        };
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private static final class Builder extends ParquetReader.Builder<Group> {
        Builder(InputFile file) {
            super(file, new PlainParquetConfiguration());
        }

        @Override
        protected ReadSupport<Group> getReadSupport() {
            return new GroupReadSupport();
        }
    }
}
