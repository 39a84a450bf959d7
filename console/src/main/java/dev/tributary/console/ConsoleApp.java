package dev.tributary.console;

import dev.tributary.console.config.Environment;
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
import java.util.Locale;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.image.Image;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;

/** The console's window: the connect screen, then one tab per feature for the connected server. */
public final class ConsoleApp extends Application {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    static final String CHECK_WINDOW = "--check-window";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);

    private final ConnectService connections;
    private final BrowserSignIn browser;
    private final BorderPane root = new BorderPane();
    private Stage stage;
    private Runnable disconnect = () -> {};
    private Consumer<DashboardViewModel> onDashboard = dashboard -> {};

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
        stage.getIcons().add(new Image(ConsoleApp.class.getResource("icon.png").toExternalForm()));
        ConnectViewModel connect = showConnect();
        stage.setScene(new Scene(root, 1180, 760));
        stage.show();
        if (getParameters() != null && getParameters().getRaw().contains(CHECK_WINDOW)) {
            checkWindow(connect, getParameters().getNamed().get("server"));
        }
    }

    /**
     * The installed launcher's smoke test: the window connects with TRIBUTARY_KEY as an operator would, prints the
     * dashboard's first reading and exits 0, or prints the error shown and exits 1, within a minute.
     */
    private void checkWindow(ConnectViewModel connect, String server) {
        connect.server().set(server);
        connect.secret().set(Environment.key().orElse(""));
        connect.error().addListener((property, old, error) -> failCheck("Could not connect: " + error));
        onDashboard = dashboard -> {
            dashboard.error().addListener((property, old, error) -> failCheck(error));
            dashboard.health().addListener((property, old, health) -> {
                System.out.println("Connected to " + server + ": " + DashboardView.summary(health));
                System.exit(health.status().equals("ok") ? 0 : 1);
            });
        };
        PauseTransition timeout = new PauseTransition(javafx.util.Duration.millis(CHECK_TIMEOUT.toMillis()));
        timeout.setOnFinished(event -> failCheck("No answer within " + CHECK_TIMEOUT.toSeconds() + " s."));
        timeout.play();
        connect.connectWithKey();
    }

    private static void failCheck(String error) {
        if (!error.isEmpty()) {
            System.err.println(error);
            System.exit(1);
        }
    }

    @Override
    public void stop() {
        disconnect.run();
    }

    private ConnectViewModel showConnect() {
        ConnectViewModel model = new ConnectViewModel(connections, browser, this::showServer);
        root.setCenter(new ConnectView(model));
        return model;
    }

    private void showServer(ConnectService.Connected connection) {
        AdminClient client = connection.client();
        DashboardViewModel dashboard = new DashboardViewModel(client);
        WorkspacesViewModel workspaces = new WorkspacesViewModel(client);
        ConfigViewModel config = new ConfigViewModel(client);
        LogsViewModel logs = new LogsViewModel(client);

        Label connected = new Label("Connected to " + client.server()
                + connection.keyringProblem().map(problem -> " (the key is not kept for next time: " + problem + ")").orElse(""));
        Button leave = new Button("Disconnect");
        leave.setId("disconnect");
        leave.setOnAction(event -> {
            disconnect.run();
            root.setTop(null);
            showConnect();
            stage.setTitle("Tributary console");
        });
        HBox bar = new HBox(12, connected, leave);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 12, 6, 12));
        root.setTop(bar);

        TabPane tabs = new TabPane(tab("Dashboard", new DashboardView(dashboard)), tab("Workspaces", new WorkspacesView(workspaces)),
                tab("Configuration", new ConfigView(config)), tab("Logs", new LogsView(logs)));
        tabs.setId("tabs");
        root.setCenter(tabs);
        stage.setTitle("Tributary console — " + client.server());

        onDashboard.accept(dashboard);
        dashboard.start();
        workspaces.load();
        config.load();
        logs.start();
        disconnect = () -> {
            dashboard.stop();
            logs.close();
        };
    }

    private static Tab tab(String title, Node content) {
        Tab tab = new Tab(title, content);
        tab.setId("tab-" + title.toLowerCase(Locale.ROOT));
        tab.setClosable(false);
        return tab;
    }
}
