package dev.tributary.protocol.admin;

/**
 * One configuration variable as the server sees it.
 *
 * @param value the effective value; secrets masked as {@code ****}
 * @param source {@code environment}, {@code deprecated_alias}, {@code default} or {@code unset}
 */
public record SettingResponse(String name, String value, String source, boolean secret, String description) {}
