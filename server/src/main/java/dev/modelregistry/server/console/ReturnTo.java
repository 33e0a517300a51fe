package dev.modelregistry.server.console;

import io.javalin.http.Context;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where sign-in sends a person back to: the console page they first asked for. Only a path of this console is
 * accepted ({@code /ui/...}, no scheme, no host, no {@code //}), so a link to the sign-in page cannot be made to
 * send a freshly signed-in browser to another site (an open redirect).
 */
final class ReturnTo {
    static final String PARAM = "next";

    private ReturnTo() {
    }

    /** {@code candidate} if it is a console page other than sign-in itself. */
    static Optional<String> safe(String candidate) {
        if (candidate == null || !candidate.startsWith(ConsoleApp.PREFIX + "/") || candidate.startsWith("//")
                || candidate.startsWith(ConsoleApp.SIGN_IN) || !candidate.chars().allMatch(ReturnTo::plain)) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    /** The sign-in page that returns to the page {@code ctx} asked for (for a live section: the page it is on). */
    static String signInFor(Context ctx) {
        Optional<String> page = "true".equals(ctx.header("HX-Request"))
                ? Optional.ofNullable(ctx.header("HX-Current-URL")).flatMap(ReturnTo::pathOf)
                : Optional.of(ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString())
                        .filter(path -> "GET".equals(ctx.method().name()));
        return page.flatMap(ReturnTo::safe)
                .map(path -> ConsoleApp.SIGN_IN + "?" + PARAM + "=" + URLEncoder.encode(path, StandardCharsets.UTF_8))
                .orElse(ConsoleApp.SIGN_IN);
    }

    private static Optional<String> pathOf(String url) {
        try {
            URI uri = URI.create(url);
            return Optional.ofNullable(uri.getRawPath()).map(path -> uri.getRawQuery() == null ? path
                    : path + "?" + uri.getRawQuery());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Printable ASCII other than the backslash, which some browsers read as a slash. */
    private static boolean plain(int c) {
        return c > 0x20 && c < 0x7f && c != '\\';
    }
}
