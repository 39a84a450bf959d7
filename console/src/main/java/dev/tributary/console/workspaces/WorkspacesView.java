package dev.tributary.console.workspaces;

import dev.tributary.console.ui.Columns;
import dev.tributary.protocol.admin.WorkspaceResponse;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;

/** The workspace list, with the bootstrap wizard above it when open. */
public final class WorkspacesView extends VBox {

    public WorkspacesView(WorkspacesViewModel model) {
        setId("workspaces");
        setSpacing(10);
        setPadding(new Insets(16));

        Button bootstrap = new Button("Bootstrap a workspace…");
        bootstrap.setId("open-wizard");
        bootstrap.setOnAction(event -> model.openWizard());
        bootstrap.disableProperty().bind(model.wizardOpen());
        Button refresh = new Button("Refresh");
        refresh.setOnAction(event -> model.load());
        Label outcome = new Label();
        outcome.setId("workspace-outcome");
        outcome.textProperty().bind(model.outcome());
        Label error = new Label();
        error.setId("workspace-error");
        error.setWrapText(true);
        error.setStyle("-fx-text-fill: #c62828;");
        error.textProperty().bind(model.error());

        TableView<WorkspaceResponse> table = new TableView<>(model.workspaces());
        table.setId("workspace-table");
        table.getColumns().add(Columns.of("Name", WorkspaceResponse::name, 220));
        table.getColumns().add(Columns.of("SSO domain", WorkspaceResponse::ssoDomain, 180));
        table.getColumns().add(Columns.of("Users", WorkspaceResponse::users, 80));
        table.getColumns().add(Columns.of("Created", WorkspaceResponse::createdAt, 240));
        table.getColumns().add(Columns.of("Id", WorkspaceResponse::id, 300));
        table.setPlaceholder(new Label("No workspace yet: bootstrap the first one."));
        VBox.setVgrow(table, Priority.ALWAYS);

        VBox wizard = wizard(model);
        wizard.visibleProperty().bind(model.wizardOpen());
        wizard.managedProperty().bind(model.wizardOpen());

        getChildren().addAll(new HBox(10, bootstrap, refresh), wizard, outcome, error, table);
    }

    private static VBox wizard(WorkspacesViewModel model) {
        Label title = new Label();
        title.setFont(Font.font(null, FontWeight.BOLD, 15));
        title.textProperty().bind(Bindings.createStringBinding(() -> switch (model.step().get()) {
            case WorkspacesViewModel.NAME_STEP -> "Step 1 of 3: the workspace";
            case WorkspacesViewModel.ADMINS_STEP -> "Step 2 of 3: its admins";
            default -> "Step 3 of 3: confirm";
        }, model.step()));

        TextField name = new TextField();
        name.setId("wizard-name");
        name.setPromptText("Acme");
        name.textProperty().bindBidirectional(model.name());
        TextField domain = new TextField();
        domain.setId("wizard-domain");
        domain.setPromptText("acme.com (optional: people with this email domain may sign in)");
        domain.textProperty().bindBidirectional(model.domain());
        GridPane names = new GridPane(10, 10);
        names.addRow(0, new Label("Name"), name);
        names.addRow(1, new Label("SSO domain"), domain);
        name.setPrefWidth(420);

        TextArea admins = new TextArea();
        admins.setId("wizard-admins");
        admins.setPromptText("ada@acme.com, grace@acme.com");
        admins.setPrefRowCount(3);
        admins.textProperty().bindBidirectional(model.admins());
        VBox people = new VBox(6, new Label("Admins' emails, separated by commas or new lines"), admins);

        Label confirm = new Label();
        confirm.setId("wizard-confirm");
        confirm.setWrapText(true);
        model.step().addListener((property, old, step) -> confirm.setText(model.confirmation()));

        StackPane page = new StackPane(names, people, confirm);
        names.visibleProperty().bind(model.step().isEqualTo(WorkspacesViewModel.NAME_STEP));
        people.visibleProperty().bind(model.step().isEqualTo(WorkspacesViewModel.ADMINS_STEP));
        confirm.visibleProperty().bind(model.step().isEqualTo(WorkspacesViewModel.CONFIRM_STEP));

        Button back = new Button("Back");
        back.setId("wizard-back");
        back.setOnAction(event -> model.back());
        back.disableProperty().bind(model.step().isEqualTo(WorkspacesViewModel.NAME_STEP));
        Button next = new Button("Next");
        next.setId("wizard-next");
        next.setOnAction(event -> model.next());
        next.visibleProperty().bind(model.step().lessThan(WorkspacesViewModel.CONFIRM_STEP));
        next.managedProperty().bind(next.visibleProperty());
        Button create = new Button("Create");
        create.setId("wizard-create");
        create.setOnAction(event -> model.create());
        create.visibleProperty().bind(model.step().isEqualTo(WorkspacesViewModel.CONFIRM_STEP));
        create.managedProperty().bind(create.visibleProperty());
        create.disableProperty().bind(model.busy());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(event -> model.closeWizard());

        VBox wizard = new VBox(10, title, page, new HBox(10, back, next, create, cancel));
        wizard.setId("wizard");
        wizard.setPadding(new Insets(12));
        wizard.setStyle("-fx-border-color: #90a4ae; -fx-border-radius: 4; -fx-background-color: #f5f7f8;");
        return wizard;
    }
}
