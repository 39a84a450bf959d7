package dev.tributary.console.connect;

import dev.tributary.console.ui.Background;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The connect screen's state: the address, the key, what is happening and what went wrong. */
public final class ConnectViewModel {

    private final ConnectService service;
    private final BrowserSignIn browser;
    private final Consumer<ConnectService.Connected> onConnected;
    private final StringProperty server = new SimpleStringProperty("");
    private final StringProperty secret = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObservableList<String> profiles = FXCollections.observableArrayList();

    public ConnectViewModel(ConnectService service, BrowserSignIn browser, Consumer<ConnectService.Connected> onConnected) {
        this.service = service;
        this.browser = browser;
        this.onConnected = onConnected;
        profiles.setAll(service.profiles().servers());
        if (!profiles.isEmpty()) {
            server.set(profiles.getFirst());
        }
    }

    public StringProperty server() {
        return server;
    }

    public StringProperty secret() {
        return secret;
    }

    public StringProperty status() {
        return status;
    }

    public StringProperty error() {
        return error;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public ObservableList<String> profiles() {
        return profiles;
    }

    public String keyringNote() {
        return service.keyring().describe();
    }

    /** A remembered server: its key comes back from the keyring, when there is one. */
    public void choose(String profile) {
        server.set(profile);
        secret.set("");
        if (service.keyring().available()) {
            start("Reading the keyring…", () -> service.keyring().read(profile).orElse(""), key -> {
                secret.set(key);
                status.set(key.isEmpty() ? "" : "Key read from the keyring.");
            });
        }
    }

    public void connectWithKey() {
        String address = server.get();
        String key = secret.get();
        start("Connecting to " + address + "…", () -> service.withKey(address, key), this::connected);
    }

    public void signInWithBrowser() {
        String address = server.get();
        start("Waiting for the sign-in in your browser…", () -> service.withBrowser(address, browser), this::connected);
    }

    private void connected(ConnectService.Connected connected) {
        profiles.setAll(service.profiles().servers());
        status.set("Connected to " + connected.client().server());
        onConnected.accept(connected);
    }

    private <T> void start(String doing, Callable<T> work, Consumer<T> done) {
        busy.set(true);
        error.set("");
        status.set(doing);
        Background.run(work, result -> {
            busy.set(false);
            done.accept(result);
        }, failure -> {
            busy.set(false);
            status.set("");
            error.set(failure);
        });
    }
}
