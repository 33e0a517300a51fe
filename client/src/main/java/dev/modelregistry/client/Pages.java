package dev.modelregistry.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.core.error.ErrorCode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Reads the registry's keyset-paginated list answers ({@code {items, next}}): one page, or every page lazily. */
final class Pages {
    private Pages() {
    }

    /** One page of a list route that takes only the cursor; {@code after} and {@code limit} may be null. */
    static Page get(Transport transport, String path, String after, Integer limit) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("after", after);
        query.put("limit", limit == null ? null : limit.toString());
        return of(transport.get(path, query).body());
    }

    static Page of(JsonNode body) {
        if (body == null || !body.path("items").isArray()) {
            throw new ProblemException(ErrorCode.INTERNAL, 200, null, "Unreadable response",
                    "a list answer without an items array", List.of(), null);
        }
        List<JsonNode> items = new ArrayList<>(body.get("items").size());
        body.get("items").forEach(items::add);
        JsonNode next = body.path("next");
        // Cursors are opaque; the audit cursor is a sequence number and may come as a JSON number.
        return new Page(items, next.isNull() || next.isMissingNode() ? null : next.asText());
    }

    /** Lazily walks every page; the next page is fetched only when the stream reaches it. */
    static Stream<JsonNode> all(Function<String, Page> fetchAfter) {
        Iterator<Page> pages = new Iterator<>() {
            private Page last;

            @Override
            public boolean hasNext() {
                return last == null || last.hasNext();
            }

            @Override
            public Page next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String after = last == null ? null : last.next();
                Page page = fetchAfter.apply(after);
                if (after != null && after.equals(page.next())) {
                    // A server bug would otherwise make this loop forever.
                    throw new ProblemException(ErrorCode.INTERNAL, 200, null, "Pagination loop",
                            "the registry answered the cursor " + after + " with the same cursor", List.of(), null);
                }
                last = page;
                return page;
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false)
                .flatMap(page -> page.items().stream());
    }
}
