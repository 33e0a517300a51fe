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

/**
 * Keyset pagination: {@code ?after=<cursor>&limit=<n>}. One more row than asked is fetched to know whether a
 * next page exists; the cursor is the last item's key, so pages stay stable while rows are added.
 */
public final class Pages {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;

    private Pages() {
    }

    /** The requested page size, 1–500. */
    public static int limit(Context ctx) {
        String text = ctx.queryParam("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below like any other out-of-range value
        }
        throw RegistryException.invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    public static Optional<String> after(Context ctx) {
        return Optional.ofNullable(ctx.queryParam("after")).filter(s -> !s.isEmpty());
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
