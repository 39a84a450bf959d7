package dev.tributary.console.dashboard;

import dev.tributary.console.ui.Columns;
import dev.tributary.console.ui.StatusColors;
import dev.tributary.protocol.admin.ExecutionHourResponse;
import dev.tributary.protocol.admin.HealthResponse;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/** Health of every part, in colour, and a chart of runs and failures per hour. */
public final class DashboardView extends VBox {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:00").withZone(ZoneId.systemDefault());

    public DashboardView(DashboardViewModel model) {
        setId("dashboard");
        setSpacing(10);
        setPadding(new Insets(16));

        Circle overall = new Circle(9, StatusColors.of("unknown"));
        Label summary = new Label("Loading…");
        summary.setId("health-summary");
        summary.setFont(Font.font(null, FontWeight.BOLD, 15));
        model.health().addListener((property, old, health) -> {
            overall.setFill(StatusColors.of(health.status()));
            summary.setText(summary(health));
        });
        Label updated = new Label();
        updated.textProperty().bind(model.updated());
        updated.setStyle("-fx-text-fill: #616161;");
        Label error = new Label();
        error.setId("dashboard-error");
        error.setStyle("-fx-text-fill: #c62828;");
        error.textProperty().bind(model.error());

        getChildren().addAll(new HBox(8, overall, summary), updated, error, parts(model), chart(model));
    }

    public static String summary(HealthResponse health) {
        Duration uptime = Duration.ofSeconds(health.uptimeSeconds());
        return "%s — Tributary %s, deployment %s%s, up %dd %dh %dm, roles %s".formatted(health.status().toUpperCase(Locale.ROOT),
                health.version(), health.deployment(), health.development() ? " (development mode)" : "", uptime.toDays(),
                uptime.toHoursPart(), uptime.toMinutesPart(), String.join(", ", health.roles()));
    }

    private static TableView<HealthResponse.Part> parts(DashboardViewModel model) {
        TableView<HealthResponse.Part> table = new TableView<>(model.parts());
        table.setId("health-parts");
        TableColumn<HealthResponse.Part, String> status = Columns.of("Status", HealthResponse.Part::status, 120);
        status.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value);
                setGraphic(empty ? null : new Circle(6, StatusColors.of(value)));
                setTextFill(empty ? null : StatusColors.of(value));
            }
        });
        table.getColumns().add(Columns.of("Part", HealthResponse.Part::name, 170));
        table.getColumns().add(status);
        table.getColumns().add(Columns.of("Latency (ms)", HealthResponse.Part::latencyMs, 90));
        table.getColumns().add(Columns.of("Detail", HealthResponse.Part::detail, 520));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefHeight(260);
        return table;
    }

    private static BarChart<String, Number> chart(DashboardViewModel model) {
        CategoryAxis hours = new CategoryAxis();
        NumberAxis runs = new NumberAxis();
        runs.setLabel("runs ended");
        runs.setMinorTickVisible(false);
        BarChart<String, Number> chart = new BarChart<>(hours, runs);
        chart.setId("executions-chart");
        chart.setTitle("Runs per hour, last " + DashboardViewModel.HOURS + " hours");
        chart.setAnimated(false);
        XYChart.Series<String, Number> executions = new XYChart.Series<>();
        executions.setName("runs");
        XYChart.Series<String, Number> failures = new XYChart.Series<>();
        failures.setName("failures");
        chart.getData().addAll(executions, failures);
        model.hours().addListener((ListChangeListener<ExecutionHourResponse>) change -> {
            executions.getData().setAll(model.hours().stream()
                    .map(hour -> new XYChart.Data<String, Number>(HOUR.format(hour.hour()), hour.executions())).toList());
            failures.getData().setAll(model.hours().stream()
                    .map(hour -> new XYChart.Data<String, Number>(HOUR.format(hour.hour()), hour.failures())).toList());
        });
        VBox.setVgrow(chart, Priority.ALWAYS);
        return chart;
    }
}
