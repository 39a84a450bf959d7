package dev.tributary.server.connect.parquet;

import dev.tributary.server.connect.spi.CanonicalType;
import dev.tributary.server.connect.spi.Field;
import dev.tributary.server.connect.spi.Row;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows to a stream as one Parquet file (ZSTD-compressed), without seeking, so the stream may go straight to S3.
 * Memory is bounded by one row group ({@link #ROW_GROUP_BYTES}), whatever the number of rows. Values must already fit
 * their fields (the callers check them as they do for every format).
 */
public final class ParquetRowWriter implements AutoCloseable {

    /** Small enough to keep a sync's heap flat, large enough for good compression and column statistics. */
    static final long ROW_GROUP_BYTES = 16L * 1024 * 1024;

    private final ParquetWriter<Row> writer;

    public ParquetRowWriter(OutputStream out, List<Field> fields) throws IOException {
        this.writer = new Builder(new StreamFile(out), fields)
                .withConf(new PlainParquetConfiguration())
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .build();
    }

    public void write(Row row) throws IOException {
        writer.write(row);
    }

    /** Writes the footer; the file is complete only after this. */
    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final List<Field> fields;

        Builder(OutputFile file, List<Field> fields) {
            super(file);
            this.fields = fields;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return new RowWriteSupport(fields);
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new RowWriteSupport(fields);
        }
    }

    /** Sends each row's values to Parquet's record consumer, a field at a time. */
    private static final class RowWriteSupport extends WriteSupport<Row> {
        private final List<Field> fields;
        private final MessageType schema;
        private RecordConsumer consumer;

        RowWriteSupport(List<Field> fields) {
            this.fields = fields;
            this.schema = ParquetTypes.schema(fields);
        }

        @Override
        public WriteContext init(ParquetConfiguration conf) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration conf) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Row row) {
            consumer.startMessage();
            for (int i = 0; i < fields.size(); i++) {
                Object value = row.get(i);
                if (value != null) {
                    String name = fields.get(i).name();
                    consumer.startField(name, i);
                    value(fields.get(i).type(), value);
                    consumer.endField(name, i);
                }
            }
            consumer.endMessage();
        }

        private void value(CanonicalType type, Object value) {
            switch (type) {
                case CanonicalType.BooleanType ignored -> consumer.addBoolean((Boolean) value);
                case CanonicalType.Int16 ignored -> consumer.addInteger((Short) value);
                case CanonicalType.Int32 ignored -> consumer.addInteger((Integer) value);
                case CanonicalType.Int64 ignored -> consumer.addLong((Long) value);
                case CanonicalType.Decimal decimal when !decimal.bounded() -> consumer.addBinary(Binary.fromString(((BigDecimal) value).toPlainString()));
                case CanonicalType.Decimal decimal -> decimal(decimal, (BigDecimal) value);
                case CanonicalType.Float32 ignored -> consumer.addFloat((Float) value);
                case CanonicalType.Float64 ignored -> consumer.addDouble((Double) value);
                case CanonicalType.StringType ignored -> consumer.addBinary(Binary.fromString((String) value));
                case CanonicalType.Json ignored -> consumer.addBinary(Binary.fromString((String) value));
                case CanonicalType.Bytes ignored -> consumer.addBinary(Binary.fromConstantByteArray((byte[]) value));
                case CanonicalType.Date ignored -> consumer.addInteger(Math.toIntExact(((LocalDate) value).toEpochDay()));
                case CanonicalType.Time ignored -> consumer.addLong(((LocalTime) value).toNanoOfDay() / 1_000);
                case CanonicalType.Timestamp ignored -> consumer.addLong(micros(((LocalDateTime) value).toInstant(ZoneOffset.UTC)));
                case CanonicalType.TimestampTz ignored -> consumer.addLong(micros((Instant) value));
                case CanonicalType.Uuid ignored -> consumer.addBinary(Binary.fromConstantByteArray(uuidBytes((UUID) value)));
                case CanonicalType.Array array -> list(array.element(), (List<?>) value);
            }
        }

        private void decimal(CanonicalType.Decimal type, BigDecimal value) {
            BigDecimal scaled = value.setScale(type.scale(), RoundingMode.UNNECESSARY);
            if (type.precision() <= ParquetTypes.LONG_DECIMAL_DIGITS) {
                consumer.addLong(scaled.unscaledValue().longValueExact());
                return;
            }
            byte[] minimal = scaled.unscaledValue().toByteArray();
            byte[] fixed = new byte[ParquetTypes.decimalBytes(type.precision())];
            // Sign-extend the big-endian two's complement to the column's fixed width.
            byte fill = (byte) (scaled.signum() < 0 ? 0xFF : 0);
            Arrays.fill(fixed, 0, fixed.length - minimal.length, fill);
            System.arraycopy(minimal, 0, fixed, fixed.length - minimal.length, minimal.length);
            consumer.addBinary(Binary.fromConstantByteArray(fixed));
        }

        private void list(CanonicalType element, List<?> values) {
            consumer.startGroup();
            if (!values.isEmpty()) {
                consumer.startField("list", 0);
                for (Object item : values) {
                    consumer.startGroup();
                    if (item != null) {
                        consumer.startField("element", 0);
                        value(element, item);
                        consumer.endField("element", 0);
                    }
                    consumer.endGroup();
                }
                consumer.endField("list", 0);
            }
            consumer.endGroup();
        }
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array();
    }

    /** A stream as Parquet's output file: Parquet only needs to know how far it has written. */
    private record StreamFile(OutputStream out) implements OutputFile {
        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                    position += length;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                /** The caller owns the stream and closes it after the file is complete. */
                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
