package dev.tributary.console.config;

import dev.tributary.console.client.AdminClient;
import dev.tributary.console.ui.Background;
import dev.tributary.protocol.admin.SettingResponse;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/** The effective configuration, searchable by name, value, source or description. */
public final class ConfigViewModel {

    private final AdminClient client;
    private final ObservableList<SettingResponse> settings = FXCollections.observableArrayList();
    private final FilteredList<SettingResponse> shown = new FilteredList<>(settings);
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");

    public ConfigViewModel(AdminClient client) {
        this.client = client;
        // About fifty variables: filtering them on the FX thread takes microseconds.
        search.addListener((property, old, text) -> shown.setPredicate(setting -> DotEnv.matches(setting, text)));
    }

    public ObservableList<SettingResponse> shown() {
        return shown;
    }

    public StringProperty search() {
        return search;
    }

    public StringProperty status() {
        return status;
    }

    public StringProperty error() {
        return error;
    }

    public void load() {
        Background.run(client::config, list -> {
            settings.setAll(list);
            status.set(list.size() + " variables");
            error.set("");
        }, failure -> error.set("Could not read the configuration: " + failure));
    }

    /** The variables shown, as an {@code .env} file. */
    public String dotEnv() {
        return DotEnv.of(shown);
    }
}
