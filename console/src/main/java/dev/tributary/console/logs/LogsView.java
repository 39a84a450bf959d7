package dev.tributary.console.logs;

import dev.tributary.protocol.admin.LogLineResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;

/** The log browser: a virtualized list (only the visible rows are drawn), filters, pause and jump to a time. */
public final class LogsView extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    public LogsView(LogsViewModel model) {
        setId("logs");
        setSpacing(8);
        setPadding(new Insets(16));

        ChoiceBox<String> source = new ChoiceBox<>(FXCollections.observableArrayList(LogsViewModel.LIVE, LogsViewModel.FILE));
        source.setId("log-source");
        source.valueProperty().bindBidirectional(model.source());
        ChoiceBox<String> level = new ChoiceBox<>(FXCollections.observableArrayList(LogsViewModel.levels()));
        level.setId("log-level");
        level.valueProperty().bindBidirectional(model.level());
        TextField text = new TextField();
        text.setId("log-filter");
        text.setPromptText("Filter: text, logger, or a sync's or execution's id");
        text.textProperty().bindBidirectional(model.text());
        HBox.setHgrow(text, Priority.ALWAYS);
        ToggleButton pause = new ToggleButton("Pause");
        pause.setId("log-pause");
        pause.selectedProperty().bindBidirectional(model.paused());
        TextField time = new TextField();
        time.setId("log-jump-time");
        time.setPromptText("HH:mm:ss or 2026-01-02T03:04:05Z");
        time.setPrefColumnCount(16);
        Button jump = new Button("Jump");
        jump.setId("log-jump");
        jump.setOnAction(event -> {
            try {
                model.jumpTo(parse(time.getText().strip()));
            } catch (DateTimeParseException e) {
                model.error().set("'" + time.getText().strip() + "' is not a time: use HH:mm:ss (today) or 2026-01-02T03:04:05Z.");
            }
        });

        Label status = new Label();
        status.setId("log-status");
        status.textProperty().bind(model.status());
        Label error = new Label();
        error.setId("log-error");
        error.setStyle("-fx-text-fill: #c62828;");
        error.textProperty().bind(model.error());

        ListView<LogLineResponse> lines = new ListView<>(model.shown());
        lines.setId("log-lines");
        lines.setFixedCellSize(20);
        lines.setCellFactory(list -> new LineCell());
        model.scrollTo().addListener((property, old, index) -> {
            if (index.intValue() >= 0) {
                lines.scrollTo(index.intValue());
                lines.getSelectionModel().select(index.intValue());
            }
        });
        // Following the tail: the newest line is in view when lines arrive or the tab is opened, unless paused or the
        // operator selected a line.
        Runnable follow = () -> {
            if (!model.paused().get() && lines.getSelectionModel().isEmpty() && !model.shown().isEmpty()) {
                lines.scrollTo(model.shown().size() - 1);
            }
        };
        model.shown().addListener((ListChangeListener<LogLineResponse>) change -> follow.run());
        visibleProperty().addListener((property, old, visible) -> {
            if (visible) {
                follow.run();
            }
        });
        VBox.setVgrow(lines, Priority.ALWAYS);

        getChildren().addAll(new HBox(8, source, new Label("Level"), level, text, pause, time, jump), status, error, lines);
    }

    static Instant parse(String text) {
        if (text.contains("T")) {
            return Instant.parse(text);
        }
        return LocalTime.parse(text).atDate(LocalDate.now()).atZone(ZoneId.systemDefault()).toInstant();
    }

    private static final class LineCell extends ListCell<LogLineResponse> {
        LineCell() {
            setFont(Font.font("Monospaced", 12));
        }

        @Override
        protected void updateItem(LogLineResponse line, boolean empty) {
            super.updateItem(line, empty);
            if (empty || line == null) {
                setText(null);
                setStyle("");
                return;
            }
            setText(TIME.format(line.at()) + "  " + "%-5s".formatted(line.level()) + "  " + line.logger() + "  " + line.message()
                    + (line.executionId() == null ? "" : "  [execution " + line.executionId() + "]"));
            setStyle(switch (line.level()) {
                case "ERROR" -> "-fx-text-fill: #c62828;";
                case "WARN" -> "-fx-text-fill: #ef6c00;";
                case "DEBUG", "TRACE" -> "-fx-text-fill: #757575;";
                default -> "";
            });
        }
    }
}
