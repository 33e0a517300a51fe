package dev.modelregistry.server.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * The console's jte templates, compiled to classes at build time (src/main/jte): nothing is compiled or read from
 * disk at run time, and every value a template prints is HTML-escaped for where it appears.
 */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders {@code template} (which takes the one parameter {@code page}) as the response. */
    public void render(Context ctx, int status, String template, Object page) {
        StringOutput output = new StringOutput();
        engine.render(template, page, output);
        ctx.status(status).contentType("text/html; charset=utf-8").result(output.toString());
    }
}
