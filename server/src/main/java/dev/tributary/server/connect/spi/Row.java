package dev.tributary.server.connect.spi;

import java.util.Arrays;

/** One record's values in the order of its batch's fields; a missing value is {@code null}. */
public final class Row {

    private final Object[] values;

    public Row(Object... values) {
        this.values = values.clone();
    }

    public Object get(int index) {
        return values[index];
    }

    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row row && Arrays.deepEquals(values, row.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(values);
    }
}
