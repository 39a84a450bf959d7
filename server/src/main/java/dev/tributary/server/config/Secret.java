package dev.tributary.server.config;

import java.util.Objects;

/** A secret value. It prints as {@code ****} so that no log line or error message can carry it by accident. */
public final class Secret {

    public static final String MASK = "****";

    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** The clear value, for the one place that needs it (a driver, a signature). */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && secret.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return MASK;
    }
}
