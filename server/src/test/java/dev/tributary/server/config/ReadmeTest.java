package dev.tributary.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's configuration table is the {@link Variable} declarations, word for word. */
class ReadmeTest {

    @Test
    void readmeConfigurationTableListsEveryVariableAsDeclared() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        // The expected table, ready to paste into the README when a variable changes.
        Files.writeString(Path.of("target", "readme-configuration-table.md"), table());

        assertThat(readme).as("README.md must contain target/readme-configuration-table.md").contains(table());
    }

    static String table() {
        String header = "| Variable | Required | Default | Meaning |\n| --- | --- | --- | --- |\n";
        return header + Arrays.stream(Variable.values())
                .map(variable -> "| `" + variable.name() + "` | "
                        + (variable.need() == Variable.Need.PRODUCTION ? "in production" : "no") + " | "
                        + (variable.defaultDescription().isEmpty() ? "" : variable.defaultDescription()) + " | "
                        + variable.description() + (variable.secret() ? " Secret: its value or password is shown as `****`." : "") + " |")
                .collect(Collectors.joining("\n")) + "\n";
    }
}
