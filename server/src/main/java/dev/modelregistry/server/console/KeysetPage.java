package dev.modelregistry.server.console;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a keyset-paged list, from a list fetched with one row more than the page shows: that row only says
 * whether a next page exists, which then starts after the last row shown.
 */
record KeysetPage<T>(List<T> shown, boolean more) {
    static <T> KeysetPage<T> of(List<T> fetched, int size) {
        return new KeysetPage<>(List.copyOf(fetched.subList(0, Math.min(size, fetched.size()))), fetched.size() > size);
    }

    /** The link to the next page, made from the last row shown; null on the last page. */
    String nextHref(Function<T, String> hrefAfter) {
        return more ? hrefAfter.apply(shown.get(shown.size() - 1)) : null;
    }
}
