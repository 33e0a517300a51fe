package dev.modelregistry.server.console;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.audit.AuditEntry;
import dev.modelregistry.server.audit.AuditFilter;
import dev.modelregistry.server.audit.AuditService;
import dev.modelregistry.server.audit.AuditTransparency;
import dev.modelregistry.server.audit.AuditVerification;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * GET /ui/audit: the audit log filtered by subject, actor, action and time, newest first, each entry with its detail,
 * and the latest signed checkpoint; GET /ui/audit/verify (admins, as in the API): the whole log verified now.
 */
public final class AuditPage {
    static final int PAGE_SIZE = 50;

    /** The filters as typed; the entries; the link to older ones (null on the last page); the checkpoint note. */
    public record AuditView(Layout layout, String subject, String actor, String action, String from, String until,
                            List<AuditEntry> entries, String olderHref, String checkpoint, boolean admin) {
    }

    /** The result of verifying the log. */
    public record VerifyView(Layout layout, AuditVerification verification) {
    }

    private final AuditService audit;
    private final AuditTransparency transparency;
    private final Templates templates;

    public AuditPage(AuditService audit, AuditTransparency transparency, Templates templates) {
        this.audit = audit;
        this.transparency = transparency;
        this.templates = templates;
    }

    public void show(Context ctx, SignedIn session) {
        String subject = QueryParams.text(ctx, "subject");
        String actor = QueryParams.text(ctx, "actor");
        String action = QueryParams.text(ctx, "action");
        String from = QueryParams.text(ctx, "from");
        String until = QueryParams.text(ctx, "until");
        AuditFilter filter = new AuditFilter(present(subject), present(actor), present(action), time("from", from),
                time("until", until));
        long before = before(QueryParams.text(ctx, "before"));
        KeysetPage<AuditEntry> page = KeysetPage.of(audit.search(filter, before, PAGE_SIZE + 1), PAGE_SIZE);
        String older = page.nextHref(last -> "/ui/audit?subject=" + Show.query(subject) + "&actor=" + Show.query(actor)
                + "&action=" + Show.query(action) + "&from=" + Show.query(from) + "&until=" + Show.query(until)
                + "&before=" + last.seq());
        templates.render(ctx, 200, "audit.jte", new AuditView(Layout.of("Audit", session), subject, actor, action, from,
                until, page.shown(), older, checkpoint(), session.caller().admin()));
    }

    public void verify(Context ctx, SignedIn session) {
        templates.render(ctx, 200, "audit-verify.jte", new VerifyView(Layout.of("Audit verification", session),
                audit.verify()));
    }

    /** The latest signed checkpoint, or null before the first one is published. */
    private String checkpoint() {
        try {
            return transparency.checkpoint();
        } catch (RegistryException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return null;
        }
    }

    private static Optional<String> present(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A time as a {@code datetime-local} field sends it (read as UTC), or an RFC 3339 instant. */
    private static Optional<Instant> time(String field, String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(text.endsWith("Z") ? Instant.parse(text) : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw RegistryException.invalid(field, "must be a time such as 2026-12-04T19:30 (UTC)");
        }
    }

    private static long before(String text) {
        if (text.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw RegistryException.invalid("before", "must be an audit sequence number");
        }
    }

}
