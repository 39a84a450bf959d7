package dev.tributary.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.tributary.protocol.Problem.FieldError;
import dev.tributary.server.error.ErrorCode;
import dev.tributary.server.error.TributaryException;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Reads request bodies and path parameters, turning every malformed input into a 400 that names the field. */
public final class HttpRequests {

    private HttpRequests() {}

    public static <T> T json(HttpServerExchange exchange, Class<T> type) {
        return jsonOr(exchange, type, () -> {
            throw TributaryException.invalid(List.of(new FieldError("body", "is empty; send a JSON object.")));
        });
    }

    /** The body as JSON, or {@code whenEmpty} for a request that sent none (all of its fields are optional). */
    public static <T> T jsonOr(HttpServerExchange exchange, Class<T> type, Supplier<T> whenEmpty) {
        try (InputStream body = exchange.getInputStream()) {
            byte[] bytes = body.readAllBytes();
            if (bytes.length == 0) {
                return whenEmpty.get();
            }
            T value = Json.mapper().readValue(bytes, type);
            if (value == null) {
                throw TributaryException.invalid(List.of(new FieldError("body", "is null; send a JSON object.")));
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw TributaryException.invalid(List.of(new FieldError(path(e), "is not a known field; remove it or check its spelling.")));
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? "body" : path(e);
            throw TributaryException.invalid(List.of(new FieldError(field, "has the wrong type or shape: " + e.getOriginalMessage())));
        } catch (JsonProcessingException e) {
            throw TributaryException.invalid(List.of(new FieldError("body",
                    "is not valid JSON (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").")));
        } catch (IOException e) {
            throw new TributaryException(ErrorCode.INVALID_REQUEST, "The request body could not be read: " + e.getMessage(), e);
        }
    }

    /** A path parameter that must be a UUID; anything else is a 404, since no object has that id. */
    public static UUID id(HttpServerExchange exchange, String name) {
        String value = parameter(exchange, name);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new TributaryException(ErrorCode.NOT_FOUND, "No object with id '" + value + "': ids are UUIDs.");
        }
    }

    public static String parameter(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst();
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
