package dev.tributary.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a policy can grant a role on connections, models and syncs. */
public enum Action {
    CREATE, EDIT, DELETE, QUERY, EXPORT, TRIGGER, SYNC_TO, APPLY_POLICY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Action> parse(String id) {
        return Arrays.stream(values()).filter(action -> action.id().equals(id)).findFirst();
    }
}
