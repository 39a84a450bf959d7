package dev.tributary.console.workspaces;

import dev.tributary.console.client.AdminClient;
import dev.tributary.console.ui.Background;
import dev.tributary.protocol.admin.WorkspaceProvisionRequest;
import dev.tributary.protocol.admin.WorkspaceResponse;
import java.util.Arrays;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The workspaces, and the bootstrap wizard: step 1 names the workspace (and its SSO domain), step 2 its admins,
 * step 3 confirms. Provisioning is idempotent on the server, so running the wizard twice only adds what differs.
 */
public final class WorkspacesViewModel {

    public static final int NAME_STEP = 0;
    public static final int ADMINS_STEP = 1;
    public static final int CONFIRM_STEP = 2;

    private final AdminClient client;
    private final ObservableList<WorkspaceResponse> workspaces = FXCollections.observableArrayList();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty domain = new SimpleStringProperty("");
    private final StringProperty admins = new SimpleStringProperty("");
    private final IntegerProperty step = new SimpleIntegerProperty(NAME_STEP);
    private final BooleanProperty wizardOpen = new SimpleBooleanProperty();
    private final StringProperty outcome = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();

    public WorkspacesViewModel(AdminClient client) {
        this.client = client;
    }

    public ObservableList<WorkspaceResponse> workspaces() {
        return workspaces;
    }

    public StringProperty name() {
        return name;
    }

    public StringProperty domain() {
        return domain;
    }

    public StringProperty admins() {
        return admins;
    }

    public IntegerProperty step() {
        return step;
    }

    public BooleanProperty wizardOpen() {
        return wizardOpen;
    }

    public StringProperty outcome() {
        return outcome;
    }

    public StringProperty error() {
        return error;
    }

    public BooleanProperty busy() {
        return busy;
    }

    /** Loads the list; a deployment without workspaces opens the wizard, as a first run. */
    public void load() {
        busy.set(true);
        Background.run(client::workspaces, list -> {
            busy.set(false);
            workspaces.setAll(list);
            error.set("");
            if (list.isEmpty()) {
                openWizard();
            }
        }, this::failed);
    }

    public void openWizard() {
        name.set("");
        domain.set("");
        admins.set("");
        outcome.set("");
        error.set("");
        step.set(NAME_STEP);
        wizardOpen.set(true);
    }

    public void closeWizard() {
        wizardOpen.set(false);
    }

    /** Moves on when the current step is filled in, or says what is missing. */
    public void next() {
        String problem = switch (step.get()) {
            case NAME_STEP -> name.get().isBlank() ? "Name the workspace." : null;
            case ADMINS_STEP -> adminList().isEmpty() ? "Name at least one admin by email." : adminList().stream()
                    .filter(email -> !email.matches("[^@\\s]+@[^@\\s]+")).findFirst().map(email -> "'" + email + "' is not an email address.")
                    .orElse(null);
            default -> null;
        };
        error.set(problem == null ? "" : problem);
        if (problem == null && step.get() < CONFIRM_STEP) {
            step.set(step.get() + 1);
        }
    }

    public void back() {
        error.set("");
        step.set(Math.max(NAME_STEP, step.get() - 1));
    }

    public String confirmation() {
        return "Workspace '%s'%s with admins %s.".formatted(name.get().strip(),
                domain.get().isBlank() ? "" : " (sign-in domain " + domain.get().strip() + ")", String.join(", ", adminList()));
    }

    public void create() {
        busy.set(true);
        WorkspaceProvisionRequest request = new WorkspaceProvisionRequest(name.get().strip(),
                domain.get().isBlank() ? null : domain.get().strip(), adminList());
        Background.run(() -> client.provision(request), workspace -> {
            busy.set(false);
            wizardOpen.set(false);
            outcome.set(describe(workspace));
            load();
        }, this::failed);
    }

    static String describe(WorkspaceResponse workspace) {
        if (Boolean.TRUE.equals(workspace.created())) {
            return "Created workspace '" + workspace.name() + "' with " + workspace.users() + " admin(s).";
        }
        List<String> added = workspace.addedUsers() == null ? List.of() : workspace.addedUsers();
        return added.isEmpty() && !Boolean.TRUE.equals(workspace.domainChanged())
                ? "Workspace '" + workspace.name() + "' already existed as asked: nothing changed."
                : "Updated workspace '" + workspace.name() + "'" + (added.isEmpty() ? "" : ": added " + String.join(", ", added))
                        + (Boolean.TRUE.equals(workspace.domainChanged()) ? " (domain changed)" : "") + ".";
    }

    private List<String> adminList() {
        return Arrays.stream(admins.get().split("[,\\s]+")).map(String::strip).filter(email -> !email.isEmpty()).toList();
    }

    private void failed(String failure) {
        busy.set(false);
        error.set(failure);
    }
}
