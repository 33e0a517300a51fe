package dev.modelregistry.server.audit;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.Responses;
import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;

/** GET /audit and GET /audit/verify; any authenticated principal may, since compliance and on-call need them. */
public final class AuditHttp {
    private final AuditService audit;

    public AuditHttp(AuditService audit) {
        this.audit = audit;
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
}
