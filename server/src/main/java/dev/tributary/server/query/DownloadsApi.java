package dev.tributary.server.query;

import dev.tributary.server.blob.BlobStore;
import dev.tributary.server.blob.SignedLinks;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import dev.tributary.server.http.HttpRequests;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * {@code GET /downloads/{store}?key=...&expires=...&signature=...}: the downloads of stores that cannot sign URLs
 * themselves. The link's signature is the credential, so the route is open; a link that was altered or has expired is
 * refused with 403, and the object streams straight from the store, whatever its size.
 */
public final class DownloadsApi {

    private final SignedLinks links;
    private final Map<String, BlobStore> stores;

    public DownloadsApi(SignedLinks links, Map<String, BlobStore> stores) {
        this.links = links;
        this.stores = Map.copyOf(stores);
    }

    public void download(HttpServerExchange exchange) throws IOException {
        String name = HttpRequests.parameter(exchange, "store");
        String key = HttpRequests.parameter(exchange, "key");
        BlobStore store = stores.get(name);
        if (store == null) {
            throw new TributaryException(ErrorCode.NOT_FOUND, "No download store '" + name + "'; use the link exactly as the server gave it.");
        }
        switch (links.verify(name, key, HttpRequests.parameter(exchange, "expires"), HttpRequests.parameter(exchange, "signature"))) {
            case SignedLinks.Verdict.Forged ignored -> throw new TributaryException(ErrorCode.FORBIDDEN, "This download link is not valid:"
                    + " its signature does not match. Use the link exactly as the export returned it, or export again for a new one.");
            case SignedLinks.Verdict.Expired expired -> throw new TributaryException(ErrorCode.FORBIDDEN, "This download link expired at "
                    + expired.at() + "; export the query again for a new link.");
            case SignedLinks.Verdict.Valid ignored -> { }
        }
        try (InputStream content = open(store, key)) {
            String fileName = key.substring(key.lastIndexOf('/') + 1);
            exchange.setStatusCode(200);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, ExportFormat.contentType(fileName));
            exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"");
            exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
            OutputStream out = exchange.getOutputStream();
            content.transferTo(out);
            out.close();
        }
    }

    private static InputStream open(BlobStore store, String key) {
        try {
            return store.open(key);
        } catch (TributaryException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw new TributaryException(ErrorCode.NOT_FOUND, "This download no longer exists: exports are deleted "
                        + QueryService.RETENTION.toHours() + " hours after their query ran. Run the query and export it again.", e);
            }
            throw e;
        }
    }
}
