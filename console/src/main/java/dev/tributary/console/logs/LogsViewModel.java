package dev.tributary.console.logs;

import dev.tributary.console.client.AdminClient;
import dev.tributary.console.client.LogPage;
import dev.tributary.console.ui.Background;
import dev.tributary.protocol.admin.LogLineResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The log browser: a live tail of the server's log (long polls), kept in a buffer and filtered on a worker thread;
 * the FX thread only swaps in the result, so 100,000 lines never freeze the window.
 */
public final class LogsViewModel {

    /** Where lines come from: the lines the server keeps in memory, tailed live, or its log file (LOG_FILE), for history. */
    public static final String LIVE = "live";
    public static final String FILE = "log file";
    static final int KEEP = 200_000;
    private static final int PAGE = 5000;
    private static final int WAIT_SECONDS = 20;
    private static final long FILE_POLL_MILLIS = 2000;

    private final AdminClient client;
    /** Touched only on {@link #worker}, which keeps appends and filtering in order. */
    private final List<LogLineResponse> buffer = new ArrayList<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("logs-filter").daemon().factory());
    private final AtomicLong generation = new AtomicLong();
    /** Which reading is current: lines from a reading of another source, still on their way, are dropped. */
    private final AtomicLong readings = new AtomicLong();
    private final StringProperty source = new SimpleStringProperty(LIVE);
    private final ObservableList<LogLineResponse> shown = FXCollections.observableArrayList();
    private final StringProperty level = new SimpleStringProperty(LogFilter.ALL);
    private final StringProperty text = new SimpleStringProperty("");
    private final BooleanProperty paused = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final IntegerProperty scrollTo = new SimpleIntegerProperty(-1);
    private Thread tail;

    public LogsViewModel(AdminClient client) {
        this.client = client;
        level.addListener((property, old, value) -> refilter());
        text.addListener((property, old, value) -> refilter());
        source.addListener((property, old, value) -> {
            stop();
            clear();
            start();
        });
        paused.addListener((property, old, pause) -> {
            if (!pause) {
                refilter();
            }
        });
    }

    public ObservableList<LogLineResponse> shown() {
        return shown;
    }

    public StringProperty source() {
        return source;
    }

    public StringProperty level() {
        return level;
    }

    public StringProperty text() {
        return text;
    }

    public BooleanProperty paused() {
        return paused;
    }

    public StringProperty status() {
        return status;
    }

    public StringProperty error() {
        return error;
    }

    /** The index the list should scroll to after a jump; -1 when there is none. */
    public IntegerProperty scrollTo() {
        return scrollTo;
    }

    public static List<String> levels() {
        List<String> levels = new ArrayList<>(List.of(LogFilter.ALL));
        levels.addAll(LogFilter.LEVELS);
        return levels;
    }

    /**
     * Starts reading the chosen source until {@link #stop()}: the live tail reads what the server has in memory, then
     * long-polls for more; the log file is read from its start, then polled every few seconds for new lines.
     */
    public void start() {
        if (tail != null) {
            return;
        }
        long reading = readings.incrementAndGet();
        boolean file = FILE.equals(source.get());
        Map<String, String> from = file ? Map.of("source", "file") : Map.of();
        tail = Background.loop("logs-tail", () -> {
            long cursor = 0;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    LogPage page = client.logs(cursor, PAGE, file || cursor == 0 ? 0 : WAIT_SECONDS, from);
                    cursor = page.cursor();
                    // The filter is read on the FX thread, where it changes.
                    Platform.runLater(() -> {
                        if (reading == readings.get()) {
                            append(page.lines());
                            error.set("");
                        }
                    });
                    if (file && page.lines().isEmpty() && !pause(FILE_POLL_MILLIS)) {
                        return;
                    }
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    String message = Background.message(e);
                    Platform.runLater(() -> {
                        if (reading == readings.get()) {
                            error.set("Reading the " + source.get() + " failed, retrying: " + message);
                        }
                    });
                    if (!pause(5000)) {
                        return;
                    }
                }
            }
        });
    }

    public void stop() {
        if (tail != null) {
            tail.interrupt();
            tail = null;
        }
    }

    /** Stops reading for good, when the console leaves the server. */
    public void close() {
        stop();
        worker.shutdownNow();
    }

    /** Adds lines (from the tail, or any source) and shows those that pass the filter, unless paused; on the FX thread. */
    void append(List<LogLineResponse> lines) {
        if (lines.isEmpty()) {
            return;
        }
        long seen = generation.get();
        LogFilter filter = filterNow();
        worker.submit(() -> {
            buffer.addAll(lines);
            int overflow = buffer.size() - KEEP;
            if (overflow > 0) {
                buffer.subList(0, overflow).clear();
            }
            List<LogLineResponse> matching = lines.stream().filter(filter::matches).toList();
            int total = buffer.size();
            Platform.runLater(() -> {
                // A refilter started since then shows these lines itself.
                if (seen == generation.get() && !paused.get()) {
                    shown.addAll(matching);
                    if (shown.size() > KEEP) {
                        shown.remove(0, shown.size() - KEEP);
                    }
                }
                status.set(shown.size() + " of " + total + " lines" + (paused.get() ? " (paused)" : ""));
            });
        });
    }

    /** Forgets every line, before reading another source. */
    private void clear() {
        generation.incrementAndGet();
        worker.submit(buffer::clear);
        shown.clear();
        status.set("");
        error.set("");
    }

    /** Filters the whole buffer on the worker and swaps the result in. */
    public void refilter() {
        long mine = generation.incrementAndGet();
        LogFilter filter = filterNow();
        worker.submit(() -> {
            List<LogLineResponse> matching = buffer.stream().filter(filter::matches).toList();
            int total = buffer.size();
            Platform.runLater(() -> {
                if (mine == generation.get()) {
                    shown.setAll(matching);
                    status.set(shown.size() + " of " + total + " lines" + (paused.get() ? " (paused)" : ""));
                }
            });
        });
    }

    /** Scrolls to the first line shown at or after {@code time}. */
    public void jumpTo(Instant time) {
        // Lines arrive in order, so the first one at or after the time is found by bisection.
        int first = 0;
        int past = shown.size();
        while (first < past) {
            int middle = (first + past) >>> 1;
            if (shown.get(middle).at().isBefore(time)) {
                first = middle + 1;
            } else {
                past = middle;
            }
        }
        if (first >= shown.size()) {
            error.set("No line shown at or after " + time + ".");
            return;
        }
        error.set("");
        scrollTo.set(-1);
        scrollTo.set(first);
    }

    private LogFilter filterNow() {
        return new LogFilter(level.get(), text.get());
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
