package dev.tributary.console.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server whose certificate this computer does not trust: the console says so in words, before sending any key. */
class TlsExplanationTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @Test
    void anUntrustedCertificateIsExplained(@TempDir Path dir) throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(selfSigned(dir)));
        server.createContext("/status.txt", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            ServerProbe.Result result = new ServerProbe(HttpClient.newHttpClient(), Duration.ofSeconds(5))
                    .probe(URI.create("https://127.0.0.1:" + server.getAddress().getPort()));

            assertThat(result).isInstanceOfSatisfying(ServerProbe.Result.Unreachable.class, unreachable ->
                    assertThat(unreachable.explanation()).startsWith("The TLS handshake with 127.0.0.1 failed (")
                            .contains("Check that the server's certificate is valid for this host name and trusted by this computer"));
        } finally {
            server.stop(0);
        }
    }

    /** A key pair and self-signed certificate made by the running JDK's keytool. */
    private static SSLContext selfSigned(Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        Process keytool = new ProcessBuilder(java.resolveSibling("keytool").toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-dname", "CN=tributary.test", "-validity", "1", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }
}
