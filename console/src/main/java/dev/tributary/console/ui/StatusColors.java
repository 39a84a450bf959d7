package dev.tributary.console.ui;

import javafx.scene.paint.Color;

/** One colour per health status, the same on every screen. */
public final class StatusColors {

    private StatusColors() {}

    public static Color of(String status) {
        return switch (status) {
            case "ok" -> Color.web("#2e7d32");
            case "degraded" -> Color.web("#ef6c00");
            case "down" -> Color.web("#c62828");
            default -> Color.web("#757575");
        };
    }
}
