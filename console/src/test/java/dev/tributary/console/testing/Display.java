package dev.tributary.console.testing;

/**
 * The console's tests draw real windows: they need an X display (a desktop, or Xvfb as {@code .ci/run} starts).
 * Without one they fail saying so, rather than pass without having run.
 */
public final class Display {

    private Display() {}

    public static void require() {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            throw new IllegalStateException("No X display (DISPLAY is unset): run the console's tests on a desktop or under Xvfb,"
                    + " for example: xvfb-run -a ./mvnw -pl console -am verify (.ci/run does this).");
        }
    }
}
