package dev.modelregistry.server.http;

import io.javalin.http.Context;

import java.util.UUID;
import java.util.regex.Pattern;

/** Each request's id: the client's {@code X-Request-Id} when it is sane, otherwise a new UUID. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "modelreg.requestId";
    private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

    private RequestIds() {
    }

    public static String assign(Context ctx) {
        String offered = ctx.header(HEADER);
        String id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        return id;
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id != null ? id : assign(ctx);
    }
}
