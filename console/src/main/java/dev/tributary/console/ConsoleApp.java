package dev.tributary.console;

import dev.tributary.console.client.AdminClient;
import dev.tributary.console.config.ConfigView;
import dev.tributary.console.config.ConfigViewModel;
import dev.tributary.console.connect.BrowserSignIn;
import dev.tributary.console.connect.ConnectService;
import dev.tributary.console.connect.ConnectView;
import dev.tributary.console.connect.ConnectViewModel;
import dev.tributary.console.connect.Keyring;
import dev.tributary.console.connect.Profiles;
import dev.tributary.console.dashboard.DashboardView;
import dev.tributary.console.dashboard.DashboardViewModel;
import dev.tributary.console.logs.LogsView;
import dev.tributary.console.logs.LogsViewModel;
import dev.tributary.console.workspaces.WorkspacesView;
import dev.tributary.console.workspaces.WorkspacesViewModel;
import java.net.http.HttpClient;
import java.time.Duration;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.stage.Stage;

/** The console's window: the connect screen, then one tab per feature for the connected server. */
public final class ConsoleApp extends Application {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private final ConnectService connections;
    private final BrowserSignIn browser;
    private final BorderPane root = new BorderPane();
    private Stage stage;
    private Runnable disconnect = () -> {};

    public ConsoleApp() {
        this(new ConnectService(HTTP, Profiles.user(), Keyring.system()), BrowserSignIn.system(HTTP));
    }

    /** For tests: remembered servers, keyring and browser of their choosing. */
    public ConsoleApp(ConnectService connections, BrowserSignIn browser) {
        this.connections = connections;
        this.browser = browser;
    }

    @Override
    public void start(Stage stage) {
        this.stage = stage;
        stage.setTitle("Tributary console");
        var icon = ConsoleApp.class.getResourceAsStream("icon.png");
        if (icon != null) {
            stage.getIcons().add(new Image(icon));
        }
        showConnect();
        stage.setScene(new Scene(root, 1180, 760));
        stage.show();
    }

    @Override
    public void stop() {
        disconnect.run();
    }

    private void showConnect() {
        disconnect.run();
        ConnectViewModel model = new ConnectViewModel(connections, browser, this::showServer);
        root.setTop(null);
        root.setCenter(new ConnectView(model));
    }

    private void showServer(AdminClient client) {
        DashboardViewModel dashboard = new DashboardViewModel(client);
        WorkspacesViewModel workspaces = new WorkspacesViewModel(client);
        ConfigViewModel config = new ConfigViewModel(client);
        LogsViewModel logs = new LogsViewModel(client);

        TabPane tabs = new TabPane(tab("Dashboard", new DashboardView(dashboard)), tab("Workspaces", new WorkspacesView(workspaces)),
                tab("Configuration", new ConfigView(config)), tab("Logs", new LogsView(logs)));
        tabs.setId("tabs");
        root.setCenter(tabs);
        stage.setTitle("Tributary console — " + client.server());

        dashboard.start();
        workspaces.load();
        config.load();
        logs.start();
        disconnect = () -> {
            dashboard.stop();
            logs.stop();
        };
    }

    private static Tab tab(String title, javafx.scene.Node content) {
        Tab tab = new Tab(title, content);
        tab.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT));
        tab.setClosable(false);
        return tab;
    }
}
