package dev.tributary.server.http;

import java.util.Optional;
import java.util.function.Function;

/** How PUT and PATCH settle a setting: what the request says, else (for a PATCH) what is stored, else its default. */
public final class Merge {

    private Merge() {}

    /** {@code current} is the stored settings for a PATCH, and empty for a PUT or a create. */
    public static <S, T> T chosen(T requested, Optional<S> current, Function<S, T> stored, T fallback) {
        return Optional.ofNullable(requested).or(() -> current.map(stored)).orElse(fallback);
    }
}
