package dev.modelregistry.server.audit;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.Responses;
import io.javalin.http.Context;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The audit routes. Reading the log, its checkpoint, keys and proofs is for any authenticated principal (compliance
 * and on-call need them); the full re-verification reads every entry and is the admin's (the route table says so).
 */
public final class AuditHttp {
    private final AuditService audit;
    private final AuditTransparency transparency;

    public AuditHttp(AuditService audit, AuditTransparency transparency) {
        this.audit = audit;
        this.transparency = transparency;
    }

    public void list(Context ctx, Caller caller) {
        int limit = Pages.limit(ctx);
        long after = afterSeq(ctx);
        Optional<String> subject = Optional.ofNullable(ctx.queryParam("subject")).filter(s -> !s.isEmpty());
        if (subject.isPresent() && subject.get().length() > 300) {
            throw RegistryException.invalid("subject", "at most 300 characters");
        }
        List<AuditEntry> page = audit.page(subject, after, limit + 1);
        Responses.json(ctx, 200, Pages.render(page, limit, AuditJson::entry, e -> String.valueOf(e.seq())));
    }

    public void verify(Context ctx, Caller caller) {
        Responses.json(ctx, 200, AuditJson.verification(audit.verify()));
    }

    /** The latest checkpoint as the C2SP signed note itself, so that note tools read it unchanged. */
    public void checkpoint(Context ctx, Caller caller) {
        ctx.status(200).contentType("text/plain; charset=utf-8")
                .result(transparency.checkpoint().getBytes(StandardCharsets.UTF_8));
    }

    public void keys(Context ctx, Caller caller) {
        Responses.json(ctx, 200, AuditJson.keys(transparency.keys()));
    }

    /** Integrated entries in leaf order from {@code from}: what an incremental verifier rehashes. */
    public void leaves(Context ctx, Caller caller) {
        int limit = Pages.limit(ctx);
        long from = number(ctx, "from", 0);
        List<AuditTreeStore.IndexedEntry> page = transparency.leaves(from, limit + 1);
        Responses.json(ctx, 200, Pages.render(page, limit, AuditJson::leaf, e -> String.valueOf(e.leafIndex() + 1)));
    }

    public void inclusion(Context ctx, Caller caller) {
        Responses.json(ctx, 200, AuditJson.inclusion(transparency.inclusion(number(ctx, "seq", 1), number(ctx, "size", 1))));
    }

    public void consistency(Context ctx, Caller caller) {
        Responses.json(ctx, 200, AuditJson.consistency(transparency.consistency(number(ctx, "from", 1),
                number(ctx, "to", 1))));
    }

    private static long afterSeq(Context ctx) {
        String after = Pages.after(ctx).orElse("0");
        try {
            long seq = Long.parseLong(after);
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw RegistryException.invalid("after", "must be an audit sequence number");
    }

    /** A required whole-number query parameter of at least {@code min}; {@code from} of the leaves defaults to 0. */
    private static long number(Context ctx, String name, long min) {
        String text = ctx.queryParam(name);
        if (text == null && min == 0) {
            return 0;
        }
        try {
            long value = Long.parseLong(text == null ? "" : text);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw RegistryException.invalid(name, "must be a whole number of at least " + min);
    }
}
