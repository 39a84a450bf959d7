package dev.tributary.console.config;

import dev.tributary.protocol.admin.SettingResponse;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The effective configuration as an {@code .env} file: variables that have a value, secrets as {@code ****}. */
public final class DotEnv {

    static final String MASK = "****";

    private DotEnv() {}

    public static String of(List<SettingResponse> settings) {
        return settings.stream()
                .filter(setting -> setting.value() != null && !setting.source().equals("unset"))
                .map(setting -> "# " + setting.source().replace('_', ' ') + "\n" + setting.name() + "=" + value(setting))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** The server masks secrets already; masking here too keeps a secret out even if a server ever sent one. */
    private static String value(SettingResponse setting) {
        if (setting.secret()) {
            return MASK;
        }
        String value = setting.value();
        return value.matches("[A-Za-z0-9_./:@,+-]*") ? value : '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static boolean matches(SettingResponse setting, String search) {
        String text = search.strip().toLowerCase(Locale.ROOT);
        return text.isEmpty() || setting.name().toLowerCase(Locale.ROOT).contains(text)
                || (setting.value() != null && !setting.secret() && setting.value().toLowerCase(Locale.ROOT).contains(text))
                || setting.source().contains(text)
                || (setting.description() != null && setting.description().toLowerCase(Locale.ROOT).contains(text));
    }
}
