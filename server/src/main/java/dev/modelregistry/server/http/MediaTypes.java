package dev.modelregistry.server.http;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import io.javalin.http.Context;

import java.util.Locale;

/**
 * The media types a request body may be sent as: exactly the one a route reads ({@code application/json},
 * {@code application/x-ndjson}), in UTF-8. A look-alike ({@code application/jsonp}) or another charset is 415,
 * since reading UTF-16 as UTF-8 (or guessing) would make one body mean different things to different readers.
 */
public final class MediaTypes {
    private MediaTypes() {
    }

    /** Refuses unless Content-Type is {@code expected}, with no parameter but an optional UTF-8 charset. */
    public static void require(Context ctx, String expected) {
        String type = ctx.contentType();
        String[] parts = type == null ? new String[] {""} : type.split(";");
        boolean ok = parts[0].trim().toLowerCase(Locale.ROOT).equals(expected);
        for (int i = 1; i < parts.length && ok; i++) {
            String parameter = parts[i].trim().toLowerCase(Locale.ROOT).replace("\"", "");
            ok = parameter.equals("charset=utf-8");
        }
        if (!ok) {
            throw unsupported("send the body as Content-Type: " + expected + " (UTF-8)");
        }
    }

    /**
     * Refuses a body that starts like UTF-16 or UTF-32: a byte-order mark, or a NUL in its first two bytes (JSON
     * starts with an ASCII character, and UTF-8 JSON never holds a raw NUL).
     */
    public static void requireUtf8(byte[] start, int length) {
        boolean bom = length >= 2 && ((start[0] == (byte) 0xFE && start[1] == (byte) 0xFF)
                || (start[0] == (byte) 0xFF && start[1] == (byte) 0xFE));
        boolean nul = (length >= 1 && start[0] == 0) || (length >= 2 && start[1] == 0);
        if (bom || nul) {
            throw unsupported("send the body in UTF-8");
        }
    }

    private static RegistryException unsupported(String detail) {
        return new RegistryException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, detail);
    }
}
