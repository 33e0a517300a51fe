package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.FieldError;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Turns a non-2xx response into a {@link ProblemException}, whatever the body looks like. */
final class Problems {
    private static final int SNIPPET = 200;

    private Problems() {
    }

    static ProblemException fromResponse(ObjectMapper json, HttpResponse<byte[]> response) {
        return fromResponse(json, response, response.body());
    }

    /** For responses whose body was not read as bytes (downloads): {@code body} is what was read of it. */
    static ProblemException fromResponse(ObjectMapper json, HttpResponse<?> response, byte[] body) {
        int status = response.statusCode();
        String requestId = response.headers().firstValue("X-Request-Id").orElse(null);
        JsonNode problem = parseProblem(json, response, body);
        if (problem == null) {
            // A proxy or a crashed server may answer with HTML or nothing; keep the status, name the request.
            String detail = response.request().method() + " " + response.uri() + " answered HTTP " + status
                    + snippet(body);
            return new ProblemException(ErrorCode.INTERNAL, status, null, "HTTP " + status, detail, List.of(),
                    requestId);
        }
        String type = text(problem, "type");
        ErrorCode code = ErrorCode.fromType(type).orElse(ErrorCode.INTERNAL);
        String title = textOr(problem, "title", code.title());
        String detail = textOr(problem, "detail", title);
        String bodyRequestId = text(problem, "request_id");
        return new ProblemException(code, status, type, title, detail, fieldErrors(problem.path("errors")),
                bodyRequestId != null ? bodyRequestId : requestId);
    }

    private static JsonNode parseProblem(ObjectMapper json, HttpResponse<?> response, byte[] bytes) {
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.startsWith("application/problem+json") && !contentType.startsWith("application/json")) {
            return null;
        }
        try {
            JsonNode body = json.readTree(bytes);
            return body != null && body.isObject() && body.path("type").isTextual() ? body : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<FieldError> fieldErrors(JsonNode errors) {
        List<FieldError> result = new ArrayList<>();
        for (JsonNode error : errors) {
            result.add(new FieldError(textOr(error, "field", ""), textOr(error, "message", "")));
        }
        return result;
    }

    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return " with an empty body";
        }
        String text = new String(body, 0, Math.min(body.length, SNIPPET * 4), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}+", " ").strip();
        return ": " + (text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value == null || value.isBlank() ? fallback : value;
    }
}
