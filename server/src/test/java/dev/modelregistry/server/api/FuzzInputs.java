package dev.modelregistry.server.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The hostile values the fuzz walk draws from, already percent-encoded where they go into a URI. Each list covers
 * one way a caller can misbehave; {@link FuzzApiContractTest} puts one of them into an otherwise sane request.
 */
final class FuzzInputs {
    /** Path segments: traversal, encodings, control characters, injection, sizes, numbers. */
    static final List<String> PATH_SEGMENTS = List.of("..", "%2e%2e", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd",
            "%00", "a%00b", "a%0Ab", "a%0D%0AX-Injected:%201", "%ff%fe", "%C0%AE%C0%AE", "%E2%80%AE", "x".repeat(5_000),
            "A", "a".repeat(64), "'%3B%20DROP%20TABLE%20models%3B--", "%25", "%2525", "9999999999999999999999", "-1",
            "0", "null", "%7B%7D", "CON", "a@2026.01.01-r99999999999999999999", "a@9999.99.99-r1", "a@2026.13.45-r0",
            "%F0%9F%9A%80", "a%5Cb", "a%3Fb%3Dc", "a%23b");

    /** Artifact paths, which span slashes. */
    static final List<String> ARTIFACT_PATHS = List.of("..%2F..%2Fetc%2Fpasswd", "a/../../b", "%2e%2e/%2e%2e/x",
            "a//b", "./a", "a/./b", "a%00b", "a%0Ab", "a%5C..%5Cb", "x".repeat(300), "a/".repeat(100) + "b", "%ff.bin");

    /** Query values, for every parameter any route reads and for unknown ones. */
    static final List<String> QUERY_NAMES = List.of("after", "limit", "subject", "health", "wait", "after_revision",
            "direction", "depth", "at", "approver", "x");
    static final List<String> QUERY_VALUES = List.of("%00", "a%00b", "a%0Ab", "%0D%0AX:1", "99999999999999999999",
            "-1", "-9223372036854775809", "1e309", "NaN", "%ff", "", "x".repeat(4_000), "0", "..%2F..", "%25",
            "'%20OR%201=1--", "a@2026.01.01-r1", "true", "%E2%80%AE");

    /** Authorization header values that are no valid token (null: no header at all). */
    static final List<String> BAD_AUTHORIZATIONS = java.util.Arrays.asList(null, "", "Bearer", "Bearer ", "Bearer x",
            "Bearer " + "x".repeat(8_000), "Basic YWRtaW46YWRtaW4=", "Bearer " + ApiTestSupport.ADMIN + "x",
            "Bearer  " + ApiTestSupport.ADMIN, "Token " + ApiTestSupport.ADMIN, "Bearer a b", "Bearer %00", "Bearer ../../x");

    /** Other headers a caller may send badly. */
    static final List<Map.Entry<String, String>> BAD_HEADERS = List.of(
            Map.entry("Idempotency-Key", "k".repeat(1_000)), Map.entry("Idempotency-Key", "a b\tc"),
            Map.entry("Idempotency-Key", ""), Map.entry("Range", "bytes=9999999999999999999-"),
            Map.entry("Range", "bytes=-99999999999999999999"), Map.entry("Range", "bytes=5-1"),
            Map.entry("Range", "bytes=--"), Map.entry("Range", "bytes=0-1," + "2-3,".repeat(500) + "4-5"),
            Map.entry("Content-Digest", "sha-256=:garbage:"), Map.entry("Content-Digest", "sha-256=:" + "A".repeat(5_000) + ":"),
            Map.entry("Content-Digest", "md5=:AAAA:"), Map.entry("X-Request-Id", "x".repeat(5_000)),
            Map.entry("X-Request-Id", "a b"), Map.entry("traceparent", "00-zz-zz-01"),
            Map.entry("traceparent", "00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01"),
            Map.entry("Accept", "text/html"), Map.entry("Cookie", "session=" + "x".repeat(4_000)),
            Map.entry("If-None-Match", "*"), Map.entry("Content-Encoding", "gzip"));

    /** Content-Type values a JSON body may not be sent as (and one it may). */
    static final List<String> CONTENT_TYPES = List.of("application/jsonp", "text/plain", "application/x-www-form-urlencoded",
            "application/json; charset=utf-16", "application/json;;", "application/json; charset=\"", "*/*",
            "application/json; boundary=x", "multipart/form-data; boundary=x", "application/json");

    /** Whole bodies that are not a sane JSON object. */
    static List<String> malformedBodies() {
        return List.of("", "{", "}", "[]", "null", "\"x\"", "{\"a\":1}{", "{\"a\":1,}", "{'a':1}", "{\"a\":\u0000}",
                "{\"a\":1,\"a\":2}", nested("{\"a\":", "}", 65), nested("{\"a\":", "}", 998), nested("{\"a\":", "}", 5_000), nested("[", "]", 100_000),
                "{\"a\":" + "9".repeat(2_000) + "}", "{\"a\":1e999999}", "{\"a\":-1e-999999}", "{\"a\":\"\\ud800\"}",
                "{\"a\":\"\\u0000\"}", "\ufeff{}", "{\"a\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");
    }

    static final int FIELD_VALUES = 14;

    /** A JSON value of a random hostile kind, for a field of an otherwise plausible body. */
    static String fieldValue(Random random) {
        return fieldValue(random.nextInt(FIELD_VALUES));
    }

    /** The {@code kind}th hostile JSON value, 0 to {@link #FIELD_VALUES} - 1. */
    static String fieldValue(int kind) {
        return switch (kind) {
            case 0 -> "\"a\\u0000b\"";
            case 1 -> "\"a\\nb\\r\\nc\"";
            case 2 -> "\"../../etc/passwd\"";
            case 3 -> "\"" + "x".repeat(70_000) + "\"";
            case 4 -> "9".repeat(400);
            case 5 -> "-9223372036854775809";
            case 6 -> "1.7976931348623157e309";
            case 7 -> nested("[", "]", 64);
            case 8 -> nested("{\"x\":", "}", 63);
            case 9 -> "{}";
            case 10 -> "[\"a\",1,null,{}]";
            case 11 -> "true";
            case 12 -> "\"PT9223372036854775807S\"";
            default -> "\"'; DROP TABLE models;--\"";
        };
    }

    /**
     * The fields of a route's JSON request body from openapi.json, as JSON pointers into the body: each top-level
     * property, and each property of an object-valued one ({@code /deprecation_policy/warn_after}).
     */
    static List<String> bodyFields(JsonNode openApi, String path, String method) {
        JsonNode schema = resolve(openApi, openApi.path("paths").path(path).path(method).path("requestBody")
                .path("content").path("application/json").path("schema"));
        List<String> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            fields.add("/" + field.getKey());
            resolve(openApi, field.getValue()).path("properties").fieldNames()
                    .forEachRemaining(sub -> fields.add("/" + field.getKey() + "/" + sub));
        }
        return fields;
    }

    /** A body holding only {@code value} at {@code pointer} (one or two levels deep). */
    static String bodyWith(String pointer, String value) {
        String[] names = pointer.substring(1).split("/");
        return names.length == 1 ? "{\"" + names[0] + "\":" + value + "}"
                : "{\"" + names[0] + "\":{\"" + names[1] + "\":" + value + "}}";
    }

    private static JsonNode resolve(JsonNode openApi, JsonNode schema) {
        return schema.has("$ref") ? openApi.at(schema.get("$ref").asText().substring(1)) : schema;
    }

    static String nested(String open, String close, int depth) {
        return open.repeat(depth) + (open.startsWith("{") ? "1" : "") + close.repeat(depth);
    }

    static <T> T pick(List<T> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private FuzzInputs() {
    }
}
