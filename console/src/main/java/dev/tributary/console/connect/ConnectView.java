package dev.tributary.console.connect;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/** Server address (with the remembered ones), a key or the browser sign-in. */
public final class ConnectView extends VBox {

    public ConnectView(ConnectViewModel model) {
        setId("connect");
        setSpacing(14);
        setPadding(new Insets(32));
        setMaxWidth(640);

        Label title = new Label("Connect to a Tributary server");
        title.setFont(Font.font(null, FontWeight.BOLD, 20));

        ComboBox<String> server = new ComboBox<>(model.profiles());
        server.setId("server-url");
        server.setEditable(true);
        server.setPromptText("https://tributary.example.com");
        server.setMaxWidth(Double.MAX_VALUE);
        server.getEditor().textProperty().bindBidirectional(model.server());
        server.setOnAction(event -> {
            String chosen = server.getValue();
            if (chosen != null && model.profiles().contains(chosen) && !chosen.equals(model.server().get())) {
                model.choose(chosen);
            }
        });

        PasswordField secret = new PasswordField();
        secret.setId("secret");
        secret.setPromptText("Deployment key, or an API key of ROOT_USER (trb_…)");
        secret.textProperty().bindBidirectional(model.secret());

        GridPane form = new GridPane(10, 10);
        form.addRow(0, new Label("Server"), server);
        form.addRow(1, new Label("Key"), secret);
        GridPane.setFillWidth(server, true);
        server.setPrefWidth(460);

        Button connect = new Button("Connect with key");
        connect.setId("connect-key");
        connect.setDefaultButton(true);
        connect.setOnAction(event -> model.connectWithKey());
        Button browser = new Button("Sign in with browser");
        browser.setId("connect-browser");
        browser.setOnAction(event -> model.signInWithBrowser());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setPrefSize(20, 20);
        progress.visibleProperty().bind(model.busy());
        connect.disableProperty().bind(model.busy());
        browser.disableProperty().bind(model.busy());
        HBox actions = new HBox(10, connect, browser, progress);

        Label status = new Label();
        status.setId("connect-status");
        status.textProperty().bind(model.status());
        Label error = new Label();
        error.setId("connect-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #c62828;");
        error.textProperty().bind(model.error());
        Label keyring = new Label(model.keyringNote());
        keyring.setWrapText(true);
        keyring.setStyle("-fx-text-fill: #616161;");

        getChildren().addAll(title, form, actions, status, error, keyring);
    }
}
