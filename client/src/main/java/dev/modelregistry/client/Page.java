package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** One page of a keyset-paginated list: its items and the cursor to pass as {@code after} for the next page. */
public record Page(List<JsonNode> items, String next) {
    public Page {
        items = List.copyOf(items);
    }

    public boolean hasNext() {
        return next != null;
    }
}
