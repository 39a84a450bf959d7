package dev.tributary.console.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * Runs network calls and heavy work off the FX application thread and hands the outcome back to it. Failures go
 * to {@code onFailure}, which view models turn into a visible error: nothing is dropped.
 */
public final class Background {

    private static final ExecutorService WORKERS = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("console-", 0).factory());

    private Background() {}

    public static <T> void run(Callable<T> work, Consumer<T> onSuccess, Consumer<String> onFailure) {
        WORKERS.submit(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (Exception e) {
                Platform.runLater(() -> onFailure.accept(message(e)));
            }
        });
    }

    /** Starts a long-running loop (a live tail); it ends when interrupted. */
    public static Thread loop(String name, Runnable body) {
        return Thread.ofVirtual().name(name).start(body);
    }

    /** A failure as an operator reads it: its message, or its kind when it has none. */
    public static String message(Throwable e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
