package dev.tributary.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.testing.TestingBrowser;
import dev.tributary.server.testing.TestingServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** With GA_MEASUREMENT_ID set, the UI loads Google Analytics with the signed-in person's email as its user id. */
class UiAnalyticsIT {

    private static final String MEASUREMENT_ID = "G-UITEST123";

    private final TestingServer server = new TestingServer(Map.of("GA_MEASUREMENT_ID", MEASUREMENT_ID));
    private final TestingBrowser browser = new TestingBrowser(server.publicUrl());

    @AfterEach
    void stop() {
        browser.close();
        server.close();
    }

    @Test
    void theSignedInUserIsReportedToGoogleAnalytics() {
        browser.open(server.localSignInLink());
        browser.heading("Connections");

        assertThat(browser.driver().findElement(By.cssSelector("meta[name='ga-measurement-id']")).getAttribute("content")).isEqualTo(MEASUREMENT_ID);
        assertThat(browser.driver().findElement(By.cssSelector("script[src^='https://www.googletagmanager.com/gtag/js']")).getAttribute("src"))
                .isEqualTo("https://www.googletagmanager.com/gtag/js?id=" + MEASUREMENT_ID);
        assertThat(browser.script("return JSON.stringify(window.dataLayer.find(args => args[0] === 'config'))"))
                .isEqualTo("{\"0\":\"config\",\"1\":\"" + MEASUREMENT_ID + "\",\"2\":{\"user_id\":\"admin@localhost\"}}");
    }

    @Test
    void thePagesAllowGoogleAnalyticsHostsOnly() {
        HttpResponse<String> page = server.call("GET", "/", null, null);

        assertThat(page.headers().firstValue("content-security-policy")).hasValue(UiAssets.contentSecurityPolicy(true));
        assertThat(page.headers().firstValue("content-security-policy").orElseThrow())
                .contains("script-src 'self' https://www.googletagmanager.com").doesNotContain("'unsafe-inline'");
        assertThat(page.body()).contains("<meta name=\"ga-measurement-id\" content=\"" + MEASUREMENT_ID + "\">");
    }
}
