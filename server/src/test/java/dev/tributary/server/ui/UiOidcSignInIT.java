package dev.tributary.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.server.testing.TestingBrowser;
import dev.tributary.server.testing.TestingServer;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Signing in from the browser through an OpenID Connect provider (a local mock), then back to the page the person asked for. */
class UiOidcSignInIT {

    private static final String CLIENT_ID = "tributary-ui-test-client";
    private static final String ISSUER_ID = "tributary";

    private final MockOAuth2Server identityProvider = startedProvider();
    private final TestingServer server = new TestingServer(Map.of(
            "GOOGLE_CLIENT_ID", CLIENT_ID,
            "GOOGLE_CLIENT_SECRET", "client-secret-for-ui-tests",
            "OIDC_ISSUER", identityProvider.issuerUrl(ISSUER_ID).toString()));
    private final TestingBrowser browser = new TestingBrowser(server.publicUrl());

    @AfterEach
    void stop() {
        browser.close();
        server.close();
        identityProvider.shutdown();
    }

    @Test
    void anInvitedPersonSignsInWithTheProviderAndLandsOnThePageTheyOpened() {
        identityProvider.enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, "root", "JWT", List.of(CLIENT_ID),
                Map.of("email", "admin@localhost", "email_verified", true), 3600));
        browser.open("/models");
        browser.heading("Sign in to Tributary");
        browser.click("Sign in");

        browser.heading("Models");
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(server.publicUrl() + "/models");
        assertThat(browser.find(By.cssSelector(".who")).getText()).contains("admin@localhost");
        assertThat(browser.find(By.cssSelector(".empty")).getText()).contains("Add a connection first");

        browser.click("Connections");
        browser.heading("Connections");
        assertThat(browser.find(By.cssSelector(".empty")).getText()).contains("No connections yet");
        browser.screenshot("connections-empty");

        browser.click("Sign out");
        browser.heading("Sign in to Tributary");
        browser.open("/connections");
        browser.waitUntil(ExpectedConditions.urlContains("/signin"));
    }

    private static MockOAuth2Server startedProvider() {
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start();
        return provider;
    }
}
