package dev.modelregistry.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a JSON request body with a hard size limit, whether or not the client sent Content-Length, and parses
 * it strictly. The bytes are read once and cached on the context (the idempotency check hashes them too).
 */
public final class RequestBody {
    private static final String BYTES_ATTRIBUTE = "modelreg.requestBytes";

    private final long maxBytes;

    public RequestBody(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public byte[] bytes(Context ctx) {
        byte[] cached = ctx.attribute(BYTES_ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        byte[] read = readAtMost(ctx);
        ctx.attribute(BYTES_ATTRIBUTE, read);
        return read;
    }

    /** The body as a JSON object; an empty body counts as {@code {}} only when {@code emptyAllowed}. */
    public JsonFields object(Context ctx, boolean emptyAllowed) {
        byte[] bytes = bytes(ctx);
        if (bytes.length == 0 && emptyAllowed) {
            return new JsonFields(Json.object());
        }
        MediaTypes.require(ctx, "application/json");
        MediaTypes.requireUtf8(bytes, bytes.length);
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            Optional<String> tooDeep = Json.tooDeepField(e, bytes);
            if (tooDeep.isPresent()) {
                throw RegistryException.invalid(tooDeep.get(), Json.tooDeepMessage());
            }
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "the body must be a JSON object");
        }
        return new JsonFields(object);
    }

    private byte[] readAtMost(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] buffer = new byte[(int) Math.min(maxBytes + 1, 64 * 1024)];
            int length = 0;
            while (true) {
                if (length == buffer.length) {
                    if (length > maxBytes) {
                        throw tooLarge();
                    }
                    buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes + 1, (long) buffer.length * 2));
                }
                int n = in.read(buffer, length, buffer.length - length);
                if (n < 0) {
                    break;
                }
                length += n;
            }
            if (length > maxBytes) {
                throw tooLarge();
            }
            return Arrays.copyOf(buffer, length);
        } catch (IOException e) {
            throw new RegistryException(ErrorCode.MALFORMED_REQUEST, "the request body could not be read");
        }
    }

    private RegistryException tooLarge() {
        return new RegistryException(ErrorCode.PAYLOAD_TOO_LARGE, "request bodies are limited to " + maxBytes + " bytes");
    }
}
