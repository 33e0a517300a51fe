package dev.modelregistry.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.server.json.Json;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.BufferUtil;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Jetty refuses some requests before any route sees them (a NUL byte or an ambiguous segment in the path, an
 * oversized header). Its own answer is an HTML page; this gives those refusals the same problem+json body as
 * every other error.
 */
final class BadMessageProblems extends ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        ErrorCode code = status == 413 ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.MALFORMED_REQUEST;
        ObjectNode problem = Json.object()
                .put("type", code.type())
                .put("title", code.title())
                .put("status", status)
                .put("detail", "the HTTP request was refused before routing: " + (reason == null ? "bad request" : reason));
        fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
        return BufferUtil.toBuffer(Json.write(problem), StandardCharsets.UTF_8);
    }
}
