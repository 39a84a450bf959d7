package dev.tributary.server.config;

import java.util.List;

/** The environment does not make a valid configuration. Lists every problem at once, so one fix round is enough. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        StringBuilder message = new StringBuilder("The configuration is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                .append("). Set these environment variables and start again:");
        problems.forEach(problem -> message.append(System.lineSeparator()).append("  - ").append(problem));
        return message.toString();
    }
}
