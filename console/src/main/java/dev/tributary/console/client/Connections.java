package dev.tributary.console.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/** Explains in words why a server could not be reached, naming what to check. */
public final class Connections {

    private Connections() {}

    public static String explain(URI server, IOException e) {
        return switch (e) {
            case SSLException tls -> "The TLS handshake with " + server.getHost() + " failed (" + tls.getMessage()
                    + "). Check that the server's certificate is valid for this host name and trusted by this computer"
                    + " (a self-signed certificate must be added to the Java trust store), or use http:// if the server has no TLS.";
            case HttpConnectTimeoutException timeout -> "No answer from " + hostAndPort(server)
                    + ". Check the address and any firewall or VPN between here and the server.";
            case HttpTimeoutException timeout -> hostAndPort(server) + " accepted the connection but did not answer in time.";
            case ConnectException refused -> "Nothing is listening at " + hostAndPort(server)
                    + ". Check the address and port, and that the server is running.";
            default -> "Could not reach " + hostAndPort(server) + ": " + e.getMessage();
        };
    }

    static String hostAndPort(URI server) {
        int port = server.getPort() >= 0 ? server.getPort() : "https".equals(server.getScheme()) ? 443 : 80;
        return server.getHost() + ":" + port;
    }
}
