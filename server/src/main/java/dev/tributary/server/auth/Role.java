package dev.tributary.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user may do in their organization: admins manage it, users work in it. */
public enum Role {
    ADMIN,
    USER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String id) {
        return Arrays.stream(values()).filter(role -> role.id().equalsIgnoreCase(id == null ? "" : id.trim())).findFirst();
    }
}
