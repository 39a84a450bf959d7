package dev.tributary.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.tributary.console.connect.BrowserSignIn;
import dev.tributary.console.connect.ConnectService;
import dev.tributary.console.connect.Keyring;
import dev.tributary.console.connect.Profiles;
import dev.tributary.console.testing.Display;
import dev.tributary.console.testing.Screenshots;
import dev.tributary.console.testing.ServerProcess;
import dev.tributary.protocol.admin.HealthResponse;
import dev.tributary.protocol.admin.LogLineResponse;
import dev.tributary.protocol.admin.SettingResponse;
import dev.tributary.protocol.admin.WorkspaceResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console against a real server (the packaged jar in a child process), driven through its window as an operator
 * would: connect, dashboard, bootstrap, configuration, logs. Every screen is saved under target/screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleIT {

    private static ServerProcess server;
    private final Preferences preferences = Preferences.userRoot().node("dev/tributary/console-tests/" + System.nanoTime());
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private Stage stage;

    @BeforeAll
    static void startServer() {
        Display.require();
        server = new ServerProcess();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new ConsoleApp(new ConnectService(http, new Profiles(preferences), Keyring.NONE), new BrowserSignIn(http, this::browse)).start(stage);
    }

    @AfterEach
    void forget() throws BackingStoreException {
        preferences.removeNode();
    }

    @Test
    void aWrongAddressIsExplainedAndTheDeploymentKeyOpensTheDashboard(FxRobot robot) throws Exception {
        robot.clickOn("#server-url").write("http://127.0.0.1:" + closedPort());
        robot.clickOn("#secret").write(ServerProcess.KEY);
        robot.clickOn("#connect-key");
        waitUntil(() -> !text(robot, "#connect-error").isEmpty());
        assertThat(text(robot, "#connect-error")).startsWith("Nothing is listening at 127.0.0.1:");
        Screenshots.save(stage, "connect-unreachable");

        ComboBox<?> address = robot.lookup("#server-url").queryAs(ComboBox.class);
        WaitForAsyncUtils.asyncFx(() -> address.getEditor().clear()).get();
        robot.clickOn("#server-url").write(server.url());
        robot.clickOn("#connect-key");

        TableView<HealthResponse.Part> parts = shown(robot, "#health-parts");
        waitUntil(() -> parts.getItems().size() >= 7);
        assertThat(parts.getItems()).extracting(HealthResponse.Part::name)
                .contains("metadata database", "redis", "job payload store", "job queue", "scheduler", "worker");
        assertThat(parts.getItems()).filteredOn(part -> part.name().equals("metadata database")).singleElement()
                .satisfies(part -> assertThat(part.status()).isEqualTo("ok"));
        assertThat(text(robot, "#health-summary")).startsWith("OK — Tributary").contains("deployment development", "(development mode)");
        assertThat(robot.lookup("#executions-chart").tryQuery()).isPresent();
        assertThat(new Profiles(preferences).servers()).containsExactly(server.url());
        Screenshots.save(stage, "dashboard");

        robot.clickOn("#disconnect");
        ComboBox<?> again = shown(robot, "#server-url");
        assertThat(again.getEditor().getText()).as("the remembered server is offered again").isEqualTo(server.url());
    }

    @Test
    void theBrowserSignInTradesTheLoopbackCodeForAnAdminToken(FxRobot robot) throws Exception {
        robot.clickOn("#server-url").write(server.url());
        robot.clickOn("#connect-browser");

        TableView<HealthResponse.Part> parts = shown(robot, "#health-parts");
        waitUntil(() -> !parts.getItems().isEmpty());
        assertThat(text(robot, "#health-summary")).startsWith("OK");
    }

    @Test
    void theWizardBootstrapsAWorkspaceAndItsAdmins(FxRobot robot) throws Exception {
        connect(robot);
        robot.clickOn(ConsoleIT.<Node>shown(robot, "#tab-workspaces"));
        TableView<WorkspaceResponse> table = shown(robot, "#workspace-table");
        waitUntil(() -> !table.getItems().isEmpty());

        robot.clickOn("#open-wizard");
        robot.clickOn("#wizard-next");
        assertThat(text(robot, "#workspace-error")).isEqualTo("Name the workspace.");
        robot.clickOn("#wizard-name").write("Acme");
        robot.clickOn("#wizard-domain").write("acme.test");
        robot.clickOn("#wizard-next");
        robot.clickOn("#wizard-admins").write("ada@acme.test,\nbob@acme.test");
        Screenshots.save(stage, "workspace-wizard");
        robot.clickOn("#wizard-next");
        assertThat(text(robot, "#wizard-confirm")).isEqualTo("Workspace 'Acme' (sign-in domain acme.test) with admins ada@acme.test, bob@acme.test.");
        robot.clickOn("#wizard-create");

        waitUntil(() -> table.getItems().stream().anyMatch(workspace -> workspace.name().equals("Acme")));
        assertThat(text(robot, "#workspace-outcome")).isEqualTo("Created workspace 'Acme' with 2 admin(s).");
        assertThat(table.getItems()).filteredOn(workspace -> workspace.name().equals("Acme")).singleElement()
                .satisfies(acme -> {
                    assertThat(acme.users()).isEqualTo(2);
                    assertThat(acme.ssoDomain()).isEqualTo("acme.test");
                });
        Screenshots.save(stage, "workspaces");
    }

    @Test
    void theConfigurationIsSearchableAndCopiedAsDotEnvWithoutSecrets(FxRobot robot) throws Exception {
        connect(robot);
        robot.clickOn(ConsoleIT.<Node>shown(robot, "#tab-configuration"));
        TableView<SettingResponse> table = shown(robot, "#config-table");
        waitUntil(() -> table.getItems().size() > 30);

        robot.clickOn("#config-search").write("DEPLOYMENT_API");
        waitUntil(() -> table.getItems().size() == 1);
        assertThat(table.getItems().getFirst()).satisfies(setting -> {
            assertThat(setting.name()).isEqualTo("DEPLOYMENT_API_KEY");
            assertThat(setting.value()).isEqualTo("****");
            assertThat(setting.source()).isEqualTo("environment");
        });
        robot.clickOn("#copy-env");
        String copied = WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()));
        assertThat(copied).isEqualTo("# environment\nDEPLOYMENT_API_KEY=****\n").doesNotContain(ServerProcess.KEY);

        robot.doubleClickOn("#config-search").eraseText(14).write("port");
        waitUntil(() -> table.getItems().stream().anyMatch(setting -> setting.name().equals("PORT")));
        Screenshots.save(stage, "configuration");
    }

    @Test
    void logLinesAreTailedAndFilteredByLevelAndText(FxRobot robot) throws Exception {
        connect(robot);
        robot.clickOn(ConsoleIT.<Node>shown(robot, "#tab-logs"));
        ListView<LogLineResponse> lines = shown(robot, "#log-lines");
        waitUntil(() -> lines.getItems().stream().anyMatch(line -> line.message().contains("started with roles")));
        Screenshots.save(stage, "logs");

        @SuppressWarnings("unchecked")
        ChoiceBox<String> level = robot.lookup("#log-level").queryAs(ChoiceBox.class);
        WaitForAsyncUtils.asyncFx(() -> level.getSelectionModel().select("WARN")).get();
        waitUntil(() -> !lines.getItems().isEmpty() && lines.getItems().stream().allMatch(line -> List.of("WARN", "ERROR").contains(line.level())));
        assertThat(lines.getItems()).extracting(LogLineResponse::message).anyMatch(message -> message.contains("one-time link"));

        WaitForAsyncUtils.asyncFx(() -> level.getSelectionModel().select("ALL")).get();
        robot.clickOn("#log-filter").write("started with roles");
        waitUntil(() -> lines.getItems().size() == 1);
        assertThat(lines.getItems().getFirst().message()).startsWith("Tributary ").contains("started with roles");
        Screenshots.save(stage, "logs-filtered");

        // The live tail: a line logged from now on (the audit line of a change) shows up without reloading.
        robot.doubleClickOn("#log-filter").eraseText("started with roles".length()).write("audit:");
        waitUntil(() -> lines.getItems().stream().allMatch(line -> line.message().startsWith("audit:")));
        int before = WaitForAsyncUtils.asyncFx(() -> lines.getItems().size()).get();
        HttpResponse<String> provisioned = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/admin/workspaces"))
                .header("Authorization", "Bearer " + ServerProcess.KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"Globex\", \"users\": [\"hank@globex.test\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(provisioned.statusCode()).as(provisioned.body()).isEqualTo(201);
        waitUntil(() -> lines.getItems().size() > before);
        assertThat(lines.getItems()).allMatch(line -> line.message().startsWith("audit:"));
    }

    @Test
    void theLogFileIsBrowsedWhenChosenAsTheSource(FxRobot robot) throws Exception {
        connect(robot);
        robot.clickOn(ConsoleIT.<Node>shown(robot, "#tab-logs"));
        ListView<LogLineResponse> lines = shown(robot, "#log-lines");
        waitUntil(() -> !lines.getItems().isEmpty());

        @SuppressWarnings("unchecked")
        ChoiceBox<String> source = robot.lookup("#log-source").queryAs(ChoiceBox.class);
        WaitForAsyncUtils.asyncFx(() -> source.getSelectionModel().select("log file")).get();
        robot.clickOn("#log-filter").write("started with roles");

        waitUntil(() -> lines.getItems().size() == 1);
        // Lines read back from the file carry the byte offset past them as their sequence, not the in-memory numbering.
        assertThat(lines.getItems().getFirst().sequence()).isGreaterThan(1000);
        assertThat(lines.getItems().getFirst().message()).startsWith("Tributary ").contains("started with roles");
        assertThat(text(robot, "#log-error")).isEmpty();
        Screenshots.save(stage, "logs-file");
    }

    private void connect(FxRobot robot) {
        robot.clickOn("#server-url").write(server.url());
        robot.clickOn("#secret").write(ServerProcess.KEY);
        robot.clickOn("#connect-key");
        waitUntil(() -> robot.lookup("#tabs").tryQuery().isPresent());
    }

    /**
     * The system browser, played by an HTTP client that signs ROOT_USER in with development mode's one-time link, opens
     * the console sign-in page and follows its redirect to the console's loopback address.
     */
    private void browse(String url) {
        try {
            HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
            browser.send(HttpRequest.newBuilder(server.oneTimeLink()).build(), HttpResponse.BodyHandlers.discarding());
            HttpResponse<Void> page = browser.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding());
            String loopback = page.headers().firstValue("location").orElseThrow(() -> new AssertionError("no redirect: " + page.statusCode()));
            assertThat(loopback).startsWith("http://127.0.0.1:");
            browser.send(HttpRequest.newBuilder(URI.create(loopback)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The node once it is in the window and visible: screens appear after a background call returns. */
    private static <T extends Node> T shown(FxRobot robot, String query) {
        waitUntil(() -> robot.lookup(query).tryQuery().filter(node -> node.getScene() != null && node.isVisible()).isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(query).query();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    /** Waits on the FX thread's state, checked there, for up to 60 seconds. */
    private static void waitUntil(Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        } catch (TimeoutException e) {
            throw new AssertionError("Condition not met within 60 s", e);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
