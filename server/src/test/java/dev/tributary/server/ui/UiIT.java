package dev.tributary.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.server.testing.TestingBrowser;
import dev.tributary.server.testing.TestingPostgres;
import dev.tributary.server.testing.TestingServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The browser UI end to end, in headless Chromium against a real server: a person signs in with development mode's
 * one-time link and does everyday work through the pages only, and the data lands where it should.
 */
class UiIT {

    private static TestingServer server;
    private static TestingBrowser browser;
    private static TestingPostgres warehouse;
    private static TestingPostgres crm;
    private static TestingPostgres lake;

    @BeforeAll
    static void start() {
        warehouse = new TestingPostgres();
        crm = new TestingPostgres();
        lake = new TestingPostgres();
        warehouse.execute("CREATE TABLE customers (id bigint PRIMARY KEY, email text, name text, updated_at timestamptz DEFAULT now())");
        warehouse.execute("INSERT INTO customers (id, email, name) SELECT i, 'user' || i || '@acme.com', 'User ' || i FROM generate_series(1, 300) i");
        // Reading it takes about three seconds, so a run stays long enough to be watched.
        warehouse.execute("CREATE VIEW slow_customers AS SELECT c.* FROM customers c CROSS JOIN LATERAL (SELECT pg_sleep(0.01 + 0 * c.id)) AS pause");
        crm.execute("CREATE TABLE contacts (contact_id bigint PRIMARY KEY, email text, full_name text)");
        server = new TestingServer(Map.of("SYNC_BATCH_SIZE", "50"));
        browser = new TestingBrowser(server.publicUrl());
        browser.open("/connections");
        browser.heading("Sign in to Tributary");
        browser.screenshot("sign-in");
        browser.open(server.localSignInLink());
        browser.heading("Connections");
    }

    @AfterAll
    static void stop() {
        browser.close();
        server.close();
        warehouse.close();
        crm.close();
        lake.close();
    }

    @AfterEach
    void desktop() {
        browser.resize(TestingBrowser.DESKTOP);
    }

    @Test
    void aPersonConnectsDatabasesModelsTheirDataSyncsItAndCopiesTables() {
        createConnection("Warehouse", warehouse);
        createConnection("CRM", crm);
        createConnection("Lake", lake);
        assertThat(browser.find(By.cssSelector("table.data tbody")).getText()).contains("Warehouse", "CRM", "Lake", "healthy");
        browser.screenshot("connections");
        filterAndSortTheList();

        browseCatalog();
        String modelSync = createModelAndModelSync();
        runModelSync(modelSync);
        copyTablesWithABulkSync();
    }

    private void createConnection(String name, TestingPostgres database) {
        browser.open("/connections");
        browser.click("New connection");
        browser.heading("New connection");
        browser.type("Name", name);
        browser.choose("Type", "PostgreSQL");
        browser.type("host (required)", TestingPostgres.HOST);
        browser.type("port", Integer.toString(TestingPostgres.PORT));
        browser.type("database (required)", database.database());
        browser.type("username (required)", TestingPostgres.SUPERUSER);
        browser.click("Test connection");
        browser.waitUntil(ExpectedConditions.textToBe(By.cssSelector(".test-result"), "Connected: these settings work."));
        if (name.equals("Warehouse")) {
            browser.screenshot("connection-form");
        }
        browser.click("Create connection");
        browser.heading("Connections");
        browser.find(By.linkText(name));
    }

    private void filterAndSortTheList() {
        WebElement filter = browser.find(By.cssSelector("input[type=search]"));
        filter.sendKeys("LAKE");
        browser.waitUntil(driver -> browser.findAll(By.cssSelector("table.data tbody tr")).size() == 1);
        assertThat(browser.find(By.cssSelector("table.data tbody tr")).getText()).startsWith("Lake");
        filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        browser.waitUntil(driver -> browser.findAll(By.cssSelector("table.data tbody tr")).size() >= 3);

        WebElement name = browser.find(By.xpath("//th/button[normalize-space(.)='Name']"));
        name.click();
        assertThat(browser.find(By.cssSelector("table.data tbody tr:first-child")).getText()).startsWith("CRM");
        name.click();
        assertThat(browser.find(By.xpath("//th[button[normalize-space(.)='Name']]")).getAttribute("aria-sort")).isEqualTo("descending");
        assertThat(browser.find(By.cssSelector("table.data tbody tr:first-child")).getText()).startsWith("Warehouse");
    }

    private void browseCatalog() {
        browser.click("Warehouse");
        browser.heading("Connection: Warehouse");
        browser.click("Browse catalog");
        browser.heading("Catalog: Warehouse");
        browser.find(By.cssSelector("[data-table='public.customers']")).click();
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".catalog-detail h2"), "public.customers"));
        assertThat(browser.find(By.cssSelector(".catalog-detail table.data")).getText()).contains("email", "primary key");
        assertThat(browser.find(By.cssSelector(".catalog-detail table.grid")).getText()).contains("user1@acme.com");
        browser.screenshot("catalog");
    }

    /** A model of the slow view, and a sync of its first 250 customers into the CRM's contacts. */
    private String createModelAndModelSync() {
        browser.open("/models");
        browser.find(By.cssSelector(".empty"));
        browser.click("New model");
        browser.type("Name", "Customers");
        browser.choose("Connection", "Warehouse");
        browser.type("SQL", "SELECT id, email, name AS full_name FROM slow_customers");
        browser.click("Preview");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".preview table.grid"), "user1@acme.com"));
        new Select(browser.field("Identity field")).selectByValue("id");
        browser.screenshot("model");
        browser.click("Create model");
        browser.heading("Models");
        browser.find(By.linkText("Customers"));
        browser.screenshot("models");

        browser.open("/syncs");
        browser.click("New model sync");
        browser.heading("New model sync");
        browser.type("Name", "Customers to CRM");
        browser.choose("Model", "Customers");
        browser.choose("Destination connection", "CRM");
        browser.waitUntil(driver -> new Select(browser.field("Destination object")).getOptions().size() > 1);
        new Select(browser.field("Destination object")).selectByValue("contacts");
        browser.waitUntil(driver -> new Select(browser.field("Destination field")).getOptions().size() > 1);
        new Select(browser.field("Mode")).selectByValue("updateOrCreate");
        new Select(browser.field("Model field")).selectByValue("id");
        new Select(browser.field("Destination field")).selectByValue("contact_id");
        browser.click("Map fields with the same name");
        assertThat(browser.findAll(By.cssSelector("[aria-label='Field mappings'] .row"))).hasSize(2);
        browser.click("Add filter");
        new Select(browser.find(By.cssSelector("[aria-label='Filter 1: field']"))).selectByValue("id");
        new Select(browser.find(By.cssSelector("[aria-label='Filter 1: condition']"))).selectByValue("LessThanEqual");
        browser.find(By.cssSelector("[aria-label='Filter 1: value']")).sendKeys("250");
        browser.type("Filter logic", "1");
        browser.screenshot("model-sync-form");
        browser.click("Create model sync");
        browser.heading("Runs: Customers to CRM");
        String sync = browser.driver().getCurrentUrl().replaceAll(".*/syncs/([^/]+)/runs$", "$1");
        browser.open("/syncs");
        assertThat(browser.find(By.cssSelector("table.data tbody")).getText()).contains("Customers to CRM", "CRM / contacts", "updateOrCreate");
        browser.screenshot("model-syncs");
        return sync;
    }

    private void runModelSync(String sync) {
        browser.open("/syncs/" + sync);
        browser.heading("Model sync: Customers to CRM");
        browser.click("Dry run");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".dry-run"), "what a run would change"));
        assertThat(browser.find(By.cssSelector(".dry-run")).getText()).contains("Would insert\n250");
        assertThat(crm.query("SELECT count(*) AS n FROM contacts").getFirst().get("n")).as("a dry run writes nothing").isEqualTo(0L);
        browser.screenshot("model-sync-dry-run", By.cssSelector(".dry-run"));

        browser.click("Runs");
        browser.heading("Runs: Customers to CRM");
        browser.click("Run now");
        // The run reads for about three seconds, publishing its count every batch of 50: the panel shows it moving.
        Map<String, String> progress = browser.waitUntil(driver -> {
            @SuppressWarnings("unchecked")
            Map<String, String> stats = (Map<String, String>) browser.script("const panel = document.querySelector("
                    + "\".progress-panel[data-status='running']\"); return panel && Object.fromEntries([...panel.querySelectorAll('.stats div')]"
                    + ".map(stat => [stat.querySelector('dt').textContent, stat.querySelector('dd').textContent]))");
            return stats != null && !stats.get("Rows").equals("0") ? stats : null;
        });
        browser.screenshot("model-sync-running");
        assertThat(Integer.parseInt(progress.get("Rows"))).isBetween(1, 250);
        assertThat(progress.get("Rows/s")).matches("[1-9][0-9,]*");
        assertThat(progress.get("ETA")).as("estimated from the dry run's 250 records").matches("[0-9]+ s");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".live"), "Not running"), Duration.ofSeconds(60));
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table.data tbody tr:first-child"), "completed"));
        assertThat(browser.find(By.cssSelector("table.data tbody tr:first-child")).getText()).contains("Records 250", "Inserts 250");
        assertThat(browser.findAll(By.cssSelector(".chart rect.bar"))).hasSize(2);
        assertThat(browser.findAll(By.cssSelector("table.data tbody tr:first-child .logs button"))).extracting(WebElement::getText)
                .contains("records", "inserts");
        browser.screenshot("model-sync-runs");

        List<Map<String, Object>> contacts = crm.query("SELECT contact_id, email, full_name FROM contacts ORDER BY contact_id");
        assertThat(contacts).hasSize(250);
        assertThat(contacts.getFirst()).containsEntry("contact_id", 1L).containsEntry("email", "user1@acme.com").containsEntry("full_name", "User 1");
        assertThat(contacts.getLast()).containsEntry("contact_id", 250L);

        browser.click("Run now");
        browser.find(By.cssSelector(".progress-panel[data-status='running'] button.danger")).click();
        browser.find(By.xpath("//dialog//button[normalize-space(.)='Cancel run']")).click();
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table.data tbody tr:first-child"), "canceled"),
                Duration.ofSeconds(60));
        assertThat(browser.find(By.cssSelector(".live")).getText()).contains("Not running");
    }

    private void copyTablesWithABulkSync() {
        browser.open("/bulk");
        browser.click("New bulk sync");
        browser.heading("New bulk sync");
        browser.type("Name", "Customers to the lake");
        browser.choose("Source", "Warehouse (PostgreSQL)");
        browser.choose("Destination", "Lake (PostgreSQL)");
        browser.find(By.id("table-public.customers")).click();
        new Select(browser.find(By.cssSelector("[aria-label='Tracking field of public.customers']"))).selectByValue("updated_at");
        browser.find(By.xpath("//div[@aria-label='Fields of public.customers']//label[normalize-space(.)='name']/input")).click();
        browser.screenshot("bulk-sync-form");
        browser.click("Create bulk sync");
        browser.heading("Runs: Customers to the lake");
        browser.click("Run now");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("table.data tbody tr:first-child"), "completed"),
                Duration.ofSeconds(60));
        assertThat(browser.find(By.cssSelector("table.data tbody tr:first-child")).getText()).contains("Written 300");
        browser.screenshot("bulk-sync-runs");
        browser.open("/bulk");
        assertThat(browser.find(By.cssSelector("table.data tbody")).getText()).contains("Customers to the lake", "Warehouse", "Lake", "manual");
        browser.screenshot("bulk-syncs");

        List<Map<String, Object>> copied = lake.query("SELECT * FROM customers ORDER BY id");
        assertThat(copied).hasSize(300);
        assertThat(copied.getFirst()).containsEntry("email", "user1@acme.com").doesNotContainKey("name");
    }

    @Test
    void theSqlRunnerPagesThroughAResultAndExportsIt() throws Exception {
        String connection = connectionThroughApi("Runner warehouse", warehouse);
        browser.open("/sql?connection=" + connection);
        browser.heading("SQL runner");
        browser.type("SQL", "SELECT g AS n, 'row ' || g AS label FROM generate_series(1, 2500) g ORDER BY g");
        browser.click("Run");
        browser.waitUntil(ExpectedConditions.textToBe(By.id("row-count"), "2,500 rows"));
        assertThat(browser.find(By.cssSelector(".pager")).getText()).contains("Page 1 of 3");
        assertThat(browser.find(By.cssSelector("table.grid tbody tr:first-child")).getText()).isEqualTo("1 row 1");
        browser.screenshot("sql-runner");

        browser.click("Next");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".pager"), "Page 2 of 3"));
        assertThat(browser.find(By.cssSelector("table.grid tbody tr:first-child")).getText()).isEqualTo("1001 row 1001");

        browser.click("Export CSV");
        WebElement download = browser.find(By.cssSelector(".export-link a"));
        assertThat(download.getText()).isEqualTo("Download CSV (2500 rows)");
        HttpResponse<String> file = server.client().send(HttpRequest.newBuilder(URI.create(download.getAttribute("href"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(file.body().split("\r\n")).hasSize(2501).startsWith("n,label", "1,row 1");
    }

    @Test
    void theApiErrorsAppearNextToTheFieldTheyConcern() {
        browser.open("/connections/new");
        browser.heading("New connection");
        browser.type("Name", "Broken");
        browser.choose("Type", "PostgreSQL");
        browser.type("database (required)", "nowhere_" + System.nanoTime());
        browser.type("username (required)", TestingPostgres.SUPERUSER);
        browser.click("Create connection");
        WebElement hostError = browser.find(By.cssSelector("[data-error-for='configuration.host']"));
        assertThat(hostError.getText()).contains("is required");
        assertThat(browser.field("host (required)").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.field("host (required)").getAttribute("aria-describedby")).contains(hostError.getAttribute("id"));
        browser.screenshot("connection-field-error");

        browser.type("host (required)", TestingPostgres.HOST);
        browser.click("Test connection");
        WebElement databaseError = browser.find(By.cssSelector("[data-error-for='configuration.database']"));
        assertThat(databaseError.getText()).containsIgnoringCase("database");
        assertThat(browser.find(By.cssSelector(".test-result.error")).getText()).startsWith("The test failed:");
        browser.screenshot("connection-test-error");

        browser.open("/settings");
        browser.heading("Settings");
        browser.type("Endpoint", "https://hooks.example.com/tributary");
        browser.type("Secret (16 characters or more)", "short");
        browser.click("Add webhook");
        assertThat(browser.find(By.cssSelector("[data-error-for='secret']")).getText()).isNotBlank();
        assertThat(browser.findAll(By.cssSelector("[data-error-for='endpoint']"))).allMatch(slot -> slot.getText().isEmpty());
    }

    @Test
    void peopleRolesAndKeysAreManagedFromTheirPage() {
        browser.open("/people");
        browser.heading("People");
        browser.type("Email", "grace@example.com");
        browser.click("Add member");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section[aria-labelledby='members-title']"),
                "grace@example.com"));
        browser.type("Role name", "analyst");
        browser.click("Add role");
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section[aria-labelledby='roles-title']"), "analyst"));
        browser.type("Key name", "nightly export");
        browser.click("Create key");
        String key = browser.find(By.cssSelector(".new-key code")).getText();
        browser.screenshot("people");

        HttpResponse<String> me = server.call("GET", "/api/me", key, null);
        assertThat(TestingServer.json(me).at("/data/email").asText()).isEqualTo("admin@localhost");

        browser.find(By.xpath("//tr[td[normalize-space(.)='nightly export']]//button[normalize-space(.)='Revoke']")).click();
        browser.find(By.cssSelector("dialog.confirm"));
        browser.screenshot("confirm-revoke");
        browser.find(By.xpath("//dialog//button[normalize-space(.)='Revoke']")).click();
        browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//td[normalize-space(.)='nightly export']")));
        assertThat(server.call("GET", "/api/me", key, null).statusCode()).isEqualTo(401);
    }

    @Test
    void settingsAndTheAuditLogShowWhatTheyHold() {
        browser.open("/settings");
        browser.heading("Settings");
        WebElement logging = browser.find(By.xpath("//label[normalize-space(.)='Keep record logs of model sync runs']/preceding-sibling::input"));
        boolean before = logging.isSelected();
        logging.click();
        browser.find(By.xpath("//form[@aria-labelledby='logging-title']//button[normalize-space(.)='Save']")).click();
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Record logging is"));
        JsonNode organization = TestingServer.json(server.call("GET", "/api/organizations", TestingServer.DEPLOYMENT_API_KEY, null)).at("/data/0");
        assertThat(organization.get("record_logging").asBoolean()).isEqualTo(!before);
        browser.screenshot("settings");

        browser.open("/audit");
        browser.heading("Audit log");
        assertThat(browser.find(By.cssSelector("table.data tbody")).getText()).contains("sign_in", "admin@localhost");
        browser.screenshot("audit-log");
    }

    @Test
    void onAPhoneThePagesFitTheScreenAndTheMenuOpensFromAButton() {
        browser.resize(TestingBrowser.PHONE);
        browser.open("/connections");
        browser.heading("Connections");
        WebElement menu = browser.find(By.cssSelector(".menu-toggle"));
        assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
        menu.click();
        assertThat(menu.getAttribute("aria-expanded")).isEqualTo("true");
        browser.find(By.linkText("SQL runner"));
        browser.screenshot("phone-menu");
        browser.find(By.linkText("Model syncs")).click();
        browser.heading("Model syncs");
        assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).as("the menu closes on navigation").isFalse();
        for (String page : List.of("/connections", "/connections/new", "/models/new", "/sql", "/people", "/settings")) {
            browser.open(page);
            browser.find(By.cssSelector("main h1"));
            browser.waitUntil(driver -> browser.findAll(By.cssSelector("main [aria-busy]")).isEmpty());
            assertThat((Long) browser.script("return document.documentElement.scrollWidth")).as("no sideways scrolling on %s", page)
                    .isLessThanOrEqualTo((Long) browser.script("return window.innerWidth"));
        }
        browser.open("/connections/new");
        browser.heading("New connection");
        browser.screenshot("phone-connection-form");
    }

    @Test
    void withoutAMeasurementIdNothingOfGoogleAnalyticsIsLoaded() {
        browser.open("/connections");
        browser.heading("Connections");
        assertThat(browser.findAll(By.cssSelector("script[src*='googletagmanager'], meta[name='ga-measurement-id']"))).isEmpty();
        assertThat(browser.script("return typeof window.gtag")).isEqualTo("undefined");
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) browser.script("return performance.getEntriesByType('resource').map(entry => entry.name)");
        assertThat(requested).isNotEmpty().allMatch(url -> url.startsWith(server.publicUrl() + "/"));
    }

    @Test
    void theServerSendsTheUiWithItsSecurityHeadersAndFallsBackToItsPage() {
        HttpResponse<String> page = server.call("GET", "/syncs/some-id/runs", null, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"/js/app.js\">").doesNotContain("googletagmanager", "ga-measurement-id");
        assertThat(page.headers().firstValue("content-security-policy")).hasValue(UiAssets.contentSecurityPolicy(false));
        assertThat(page.headers().firstValue("content-security-policy").orElseThrow()).contains("default-src 'self'").doesNotContain("google");
        String etag = page.headers().firstValue("etag").orElseThrow();

        HttpResponse<String> again = server.send(server.request("/js/app.js").build());
        assertThat(again.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(again.headers().firstValue("cache-control")).hasValue("no-cache");
        assertThat(server.send(server.request("/").header("If-None-Match", etag).build()).statusCode()).isEqualTo(304);

        HttpResponse<String> api = server.call("GET", "/api/nothing-here", null, null);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(server.call("GET", "/js/missing.js", null, null).statusCode()).isEqualTo(404);
        for (String escape : List.of("/js/../../../../etc/passwd", "/js/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd")) {
            HttpResponse<String> outside = server.call("GET", escape, null, null);
            assertThat(outside.body()).as(escape).doesNotContain("root:");
        }
    }

    @Test
    void darkModeFollowsTheSystem() {
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        try {
            browser.open("/connections");
            browser.heading("Connections");
            assertThat(browser.script("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(18, 21, 27)");
            browser.screenshot("connections-dark");
        } finally {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features", List.of()));
        }
    }

    private static String connectionThroughApi(String name, TestingPostgres database) {
        String organization = TestingServer.json(server.call("GET", "/api/organizations", TestingServer.DEPLOYMENT_API_KEY, null))
                .at("/data/0/id").asText();
        HttpResponse<String> created = server.call("POST", "/api/connections", TestingServer.DEPLOYMENT_API_KEY,
                "{\"organization_id\": \"" + organization + "\", \"name\": \"" + name + "\", \"type\": \"postgresql\", \"configuration\": {\"host\": \"" + TestingPostgres.HOST + "\", \"port\": "
                        + TestingPostgres.PORT + ", \"database\": \"" + database.database() + "\", \"username\": \"" + TestingPostgres.SUPERUSER + "\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return TestingServer.json(created).at("/data/id").asText();
    }
}
