package dev.tributary.console.dashboard;

import dev.tributary.console.client.AdminClient;
import dev.tributary.console.ui.Background;
import dev.tributary.protocol.admin.ExecutionHourResponse;
import dev.tributary.protocol.admin.HealthResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The server's health and its runs per hour, refreshed every few seconds while the dashboard is open. */
public final class DashboardViewModel {

    static final int HOURS = 24;
    private static final Duration EVERY = Duration.ofSeconds(10);

    private final AdminClient client;
    private final ObjectProperty<HealthResponse> health = new SimpleObjectProperty<>();
    private final ObservableList<HealthResponse.Part> parts = FXCollections.observableArrayList();
    private final ObservableList<ExecutionHourResponse> hours = FXCollections.observableArrayList();
    private final StringProperty updated = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final Timeline timer = new Timeline(new KeyFrame(javafx.util.Duration.millis(EVERY.toMillis()), event -> refresh()));
    private boolean loading;

    public DashboardViewModel(AdminClient client) {
        this.client = client;
        timer.setCycleCount(Timeline.INDEFINITE);
    }

    public ObjectProperty<HealthResponse> health() {
        return health;
    }

    public ObservableList<HealthResponse.Part> parts() {
        return parts;
    }

    public ObservableList<ExecutionHourResponse> hours() {
        return hours;
    }

    public StringProperty updated() {
        return updated;
    }

    public StringProperty error() {
        return error;
    }

    public void start() {
        refresh();
        timer.play();
    }

    public void stop() {
        timer.stop();
    }

    /** One refresh at a time: a slow server is not asked again before it answered. */
    public void refresh() {
        if (loading) {
            return;
        }
        loading = true;
        Background.run(() -> new Snapshot(client.health(), client.executionsPerHour(HOURS)), snapshot -> {
            loading = false;
            health.set(snapshot.health());
            parts.setAll(snapshot.health().parts());
            hours.setAll(snapshot.hours());
            updated.set("Updated at " + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")));
            error.set("");
        }, failure -> {
            loading = false;
            error.set("Could not refresh: " + failure);
        });
    }

    private record Snapshot(HealthResponse health, List<ExecutionHourResponse> hours) {}
}
