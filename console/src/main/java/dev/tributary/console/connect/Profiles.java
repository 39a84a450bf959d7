package dev.tributary.console.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The servers this operator connected to, most recent first. Only addresses: secrets live in the {@link Keyring}. */
public final class Profiles {

    private static final String KEY = "servers";
    private static final int KEEP = 10;
    private final Preferences preferences;

    public Profiles(Preferences preferences) {
        this.preferences = preferences;
    }

    public static Profiles user() {
        return new Profiles(Preferences.userRoot().node("dev/tributary/console"));
    }

    public List<String> servers() {
        String saved = preferences.get(KEY, "");
        return saved.isEmpty() ? List.of() : List.of(saved.split("\n"));
    }

    public void remember(String server) {
        List<String> servers = new ArrayList<>(servers());
        servers.remove(server);
        servers.addFirst(server);
        preferences.put(KEY, String.join("\n", servers.subList(0, Math.min(KEEP, servers.size()))));
    }
}
