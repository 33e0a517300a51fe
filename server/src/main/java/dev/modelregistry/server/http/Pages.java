package dev.modelregistry.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Keyset pagination: {@code ?after=<cursor>&limit=<n>}. One more row than asked is fetched to know whether a
 * next page exists; the cursor is the last item's key, so pages stay stable while rows are added.
 */
public final class Pages {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    private static final int MAX_DIGITS = String.valueOf(MAX_LIMIT).length();
    private static final Pattern WHOLE_NUMBER = Pattern.compile("^[0-9]+$");

    private Pages() {
    }

    /**
     * The requested page size: 1 to 500, a larger number meaning 500 (AIP-158: clamped, not refused, so a client
     * asking for "as many as you give" still gets pages). Not a whole number, or below 1, is a 400.
     */
    public static int limit(Context ctx) {
        Optional<String> given = QueryParams.single(ctx, "limit");
        if (given.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        String text = given.get();
        if (WHOLE_NUMBER.matcher(text).matches()) {
            String digits = text.replaceFirst("^0+(?=.)", "");
            // More digits than MAX_LIMIT has is above it, however many: nothing to overflow.
            int limit = digits.length() > MAX_DIGITS ? MAX_LIMIT : Integer.parseInt(digits);
            if (limit >= 1) {
                return Math.min(limit, MAX_LIMIT);
            }
        }
        throw RegistryException.invalid("limit", "must be a whole number of at least 1 (above " + MAX_LIMIT
                + " means " + MAX_LIMIT + ")");
    }

    public static Optional<String> after(Context ctx) {
        return QueryParams.single(ctx, "after");
    }

    /**
     * Renders {@code {"items": [...], "next": cursor|null}} from a list fetched with {@code limit + 1} rows.
     */
    public static <T> ObjectNode render(List<T> fetched, int limit, Function<T, JsonNode> toJson,
                                        Function<T, String> cursorOf) {
        ObjectNode page = Json.object();
        ArrayNode items = page.putArray("items");
        List<T> shown = fetched.size() > limit ? fetched.subList(0, limit) : fetched;
        shown.forEach(item -> items.add(toJson.apply(item)));
        if (fetched.size() > limit) {
            page.put("next", cursorOf.apply(shown.get(shown.size() - 1)));
        } else {
            page.putNull("next");
        }
        return page;
    }
}
