package dev.tributary.console.workspaces;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.protocol.admin.WorkspaceResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WorkspacesViewModelTest {

    private final WorkspacesViewModel model = new WorkspacesViewModel(null);

    @Test
    void eachStepSaysWhatIsMissingBeforeMovingOn() {
        model.openWizard();
        model.next();
        assertThat(model.error().get()).isEqualTo("Name the workspace.");
        assertThat(model.step().get()).isEqualTo(WorkspacesViewModel.NAME_STEP);

        model.name().set("Acme");
        model.next();
        model.next();
        assertThat(model.error().get()).isEqualTo("Name at least one admin by email.");
        model.admins().set("ada@acme.test, grace");
        model.next();
        assertThat(model.error().get()).isEqualTo("'grace' is not an email address.");

        model.admins().set("ada@acme.test\ngrace@acme.test");
        model.next();
        assertThat(model.step().get()).isEqualTo(WorkspacesViewModel.CONFIRM_STEP);
        assertThat(model.confirmation()).isEqualTo("Workspace 'Acme' with admins ada@acme.test, grace@acme.test.");
        model.back();
        assertThat(model.step().get()).isEqualTo(WorkspacesViewModel.ADMINS_STEP);
    }

    @Test
    void theOutcomeSaysWhatChanged() {
        UUID id = UUID.randomUUID();
        assertThat(WorkspacesViewModel.describe(new WorkspaceResponse(id, "Acme", null, 2, null, true, false, List.of("a@x.test", "b@x.test"))))
                .isEqualTo("Created workspace 'Acme' with 2 admin(s).");
        assertThat(WorkspacesViewModel.describe(new WorkspaceResponse(id, "Acme", "acme.test", 3, null, false, true, List.of("c@x.test"))))
                .isEqualTo("Updated workspace 'Acme': added c@x.test (domain changed).");
        assertThat(WorkspacesViewModel.describe(new WorkspaceResponse(id, "Acme", null, 2, null, false, false, List.of())))
                .isEqualTo("Workspace 'Acme' already existed as asked: nothing changed.");
    }
}
