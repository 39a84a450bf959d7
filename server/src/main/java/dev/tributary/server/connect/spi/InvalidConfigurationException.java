package dev.tributary.server.connect.spi;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that does not satisfy its {@link ConfigSpec}, with one error per invalid field. */
public class InvalidConfigurationException extends RuntimeException {

    private final List<ConfigError> errors;

    public InvalidConfigurationException(List<ConfigError> errors) {
        super(errors.stream().map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
