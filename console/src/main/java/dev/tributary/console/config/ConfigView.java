package dev.tributary.console.config;

import dev.tributary.console.ui.Columns;
import dev.tributary.protocol.admin.SettingResponse;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The configuration inspector: a searchable table of every variable with its source. */
public final class ConfigView extends VBox {

    public ConfigView(ConfigViewModel model) {
        setId("config");
        setSpacing(10);
        setPadding(new Insets(16));

        TextField search = new TextField();
        search.setId("config-search");
        search.setPromptText("Search names, values, sources, descriptions");
        search.textProperty().bindBidirectional(model.search());
        HBox.setHgrow(search, Priority.ALWAYS);
        Label status = new Label();
        status.textProperty().bind(model.status());
        Button copy = new Button("Copy as .env");
        copy.setId("copy-env");
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.dotEnv());
            Clipboard.getSystemClipboard().setContent(content);
            model.status().set("Copied " + model.shown().size() + " variables as .env (secrets masked)");
        });
        Label error = new Label();
        error.setId("config-error");
        error.setStyle("-fx-text-fill: #c62828;");
        error.textProperty().bind(model.error());

        TableView<SettingResponse> table = new TableView<>(model.shown());
        table.setId("config-table");
        table.getColumns().add(Columns.of("Variable", SettingResponse::name, 220));
        table.getColumns().add(Columns.of("Value", SettingResponse::value, 260));
        table.getColumns().add(Columns.of("Source", SettingResponse::source, 130));
        table.getColumns().add(Columns.of("Meaning", SettingResponse::description, 520));
        VBox.setVgrow(table, Priority.ALWAYS);

        getChildren().addAll(new HBox(10, search, copy), status, error, table);
    }
}
