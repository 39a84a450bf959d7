package dev.tributary.console.logs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.console.testing.Display;
import dev.tributary.console.testing.Screenshots;
import dev.tributary.protocol.admin.LogLineResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import javafx.scene.Scene;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The log browser with 100,000 lines: filtering runs off the FX thread, which keeps answering meanwhile. */
@ExtendWith(ApplicationExtension.class)
class LogsViewModelTest {

    private static final int LINES = 100_000;
    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
    private final LogsViewModel model = new LogsViewModel(null);
    private Stage stage;

    @BeforeAll
    static void display() {
        Display.require();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new LogsView(model), 1100, 700));
        stage.show();
    }

    @Test
    void aHundredThousandLinesAreFilteredWhileTheWindowKeepsAnswering(FxRobot robot) throws Exception {
        List<LogLineResponse> lines = IntStream.range(0, LINES).mapToObj(LogsViewModelTest::line).toList();
        WaitForAsyncUtils.asyncFx(() -> model.append(lines)).get();
        waitUntil(() -> model.shown().size() == LINES);

        WaitForAsyncUtils.asyncFx(() -> model.text().set("needle")).get();
        Duration slowest = slowestFxAnswerUntil(() -> model.shown().size() == LINES / 10);
        WaitForAsyncUtils.asyncFx(() -> model.level().set("ERROR")).get();
        waitUntil(() -> model.shown().size() == LINES / 100);

        // A window feels frozen past about a second; the bound leaves room for a busy build machine's pauses.
        assertThat(slowest).as("the FX thread's slowest answer while 100,000 lines were filtered").isLessThan(Duration.ofSeconds(1));
        assertThat(model.shown()).allMatch(line -> line.message().contains("needle") && line.level().equals("ERROR"));
        Screenshots.save(stage, "logs-100k-filtered");
    }

    @Test
    void pausingHoldsTheViewAndJumpingFindsTheFirstLineAtATime(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> model.append(IntStream.range(0, 1000).mapToObj(LogsViewModelTest::line).toList())).get();
        waitUntil(() -> model.shown().size() == 1000);

        WaitForAsyncUtils.asyncFx(() -> model.paused().set(true)).get();
        WaitForAsyncUtils.asyncFx(() -> model.append(IntStream.range(1000, 1500).mapToObj(LogsViewModelTest::line).toList())).get();
        waitUntil(() -> model.status().get().equals("1000 of 1500 lines (paused)"));
        WaitForAsyncUtils.asyncFx(() -> model.paused().set(false)).get();
        waitUntil(() -> model.shown().size() == 1500);

        WaitForAsyncUtils.asyncFx(() -> model.jumpTo(START.plusSeconds(700).plusMillis(1))).get();
        assertThat(model.scrollTo().get()).isEqualTo(701);
        ListView<?> list = robot.lookup("#log-lines").queryListView();
        waitUntil(() -> list.getSelectionModel().getSelectedIndex() == 701);
        WaitForAsyncUtils.asyncFx(() -> model.jumpTo(START.plusSeconds(5000))).get();
        assertThat(model.error().get()).startsWith("No line shown at or after");
    }

    @Test
    void anExecutionsIdShowsTheLinesItsRunLogged(FxRobot robot) throws Exception {
        LogLineResponse server = new LogLineResponse(1, START, "INFO", "dev.tributary.server.Tributary", "main", "Listening", null, null);
        LogLineResponse run = new LogLineResponse(2, START.plusSeconds(1), "INFO", "dev.tributary.server.sync.BulkSyncJobs", "job-1",
                "Copied 100 rows", "3f1c7a52-1b1e-4f7e-9a51-4c0d2c9a1111", "b2d3e4f5-0000-4000-8000-00000000abcd");
        WaitForAsyncUtils.asyncFx(() -> model.append(List.of(server, run))).get();
        WaitForAsyncUtils.asyncFx(() -> model.text().set("b2d3e4f5-0000-4000-8000-00000000abcd")).get();
        waitUntil(() -> model.shown().equals(List.of(run)));
        WaitForAsyncUtils.asyncFx(() -> model.text().set("3f1c7a52")).get();
        waitUntil(() -> model.shown().equals(List.of(run)));
    }

    /** Line i: one second after line i-1; every tenth mentions a needle, every hundredth is an error. */
    private static LogLineResponse line(int i) {
        return new LogLineResponse(i + 1, START.plusSeconds(i), i % 100 == 0 ? "ERROR" : "INFO", "dev.tributary.test", "main",
                (i % 10 == 0 ? "needle " : "hay ") + i, null, null);
    }

    /** Pings the FX thread until the condition holds there, and returns the slowest answer. */
    private static Duration slowestFxAnswerUntil(Callable<Boolean> condition) throws Exception {
        List<Duration> answers = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            long sent = System.nanoTime();
            boolean done = WaitForAsyncUtils.asyncFx(condition).get();
            answers.add(Duration.ofNanos(System.nanoTime() - sent));
            if (done) {
                return answers.stream().max(Duration::compareTo).orElseThrow();
            }
        }
        throw new TimeoutException("The filter did not finish within 60 s");
    }

    private static void waitUntil(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }
}
