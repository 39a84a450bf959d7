package dev.tributary.protocol.notify;

import java.util.List;

/**
 * The addresses emailed when one of the organization's syncs fails or runs too long. {@code emailEnabled} is false
 * when the server has no SMTP server configured (SMTP_HOST), in which case nobody is emailed.
 */
public record GlobalErrorSubscribersResponse(List<String> emails, boolean emailEnabled) {}
