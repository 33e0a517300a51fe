package dev.modelregistry.server.console;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.audit.AuditCheckpoint;
import dev.modelregistry.server.audit.AuditEntry;
import dev.modelregistry.server.audit.AuditFilter;
import dev.modelregistry.server.audit.AuditService;
import dev.modelregistry.server.audit.AuditTransparency;
import dev.modelregistry.server.audit.AuditVerification;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * GET /ui/audit: the audit log newest first, filtered by subject, actor, action and time, each entry with its detail,
 * and the latest signed checkpoint. GET /ui/audit/verify (admins, as {@code GET /audit/verify}): the log re-verified
 * from every chain's genesis — it reads every entry, so it runs when asked, not on every view of the log.
 */
public final class AuditPage {
    /** Entries per page; the next page starts below the last seq shown. */
    static final int PAGE_SIZE = 50;

    /** The page: the filter as typed, the entries, the next page's link (null on the last) and the checkpoint. */
    public record AuditPageView(Layout layout, Search search, List<AuditEntry> entries, String nextHref,
                                AuditCheckpoint checkpoint, boolean admin) {
    }

    /** The filter fields as the person typed them (times in UTC, as {@code datetime-local} sends them). */
    public record Search(String subject, String actor, String action, String from, String to) {
        String query() {
            return "subject=" + Show.query(subject) + "&actor=" + Show.query(actor) + "&action=" + Show.query(action)
                    + "&from=" + Show.query(from) + "&to=" + Show.query(to);
        }
    }

    /** The verification page: what was checked, what did not hold, and the checkpoint it was checked against. */
    public record VerifyPageView(Layout layout, AuditVerification verification, AuditCheckpoint checkpoint) {
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
        Search search = new Search(FormText.of(ctx, "subject"), FormText.of(ctx, "actor"), FormText.of(ctx, "action"),
                FormText.of(ctx, "from"), FormText.of(ctx, "to"));
        AuditFilter filter = new AuditFilter(present(search.subject()), present(search.actor()),
                present(search.action()), time("from", search.from()), time("to", search.to()));
        List<AuditEntry> fetched = audit.search(filter,
                FormText.number(ctx, "before", 1, "an audit sequence number").orElse(Long.MAX_VALUE), PAGE_SIZE + 1);
        List<AuditEntry> shown = fetched.subList(0, Math.min(PAGE_SIZE, fetched.size()));
        String next = fetched.size() > PAGE_SIZE
                ? ConsoleApp.PREFIX + "/audit?" + search.query() + "&before=" + shown.get(shown.size() - 1).seq() : null;
        templates.render(ctx, 200, "audit.jte", new AuditPageView(Layout.of("Audit log", session), search, shown, next,
                transparency.latestCheckpoint().orElse(null), session.caller().admin()));
    }

    public void verify(Context ctx, SignedIn session) {
        AuditVerification verification = audit.verify();
        templates.render(ctx, 200, "audit-verify.jte", new VerifyPageView(Layout.of("Audit log verification", session),
                verification, transparency.latestCheckpoint().orElse(null)));
    }

    private static Optional<String> present(String text) {
        return Optional.of(text).filter(s -> !s.isEmpty());
    }

    /** A time in UTC: a date (its midnight), a {@code datetime-local} value, or an RFC 3339 instant. */
    static Optional<Instant> time(String field, String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (text.length() == 10) {
                return Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            if (text.endsWith("Z") || text.endsWith("z") || text.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return Optional.of(java.time.OffsetDateTime.parse(text).toInstant());
            }
            return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw RegistryException.invalid(field, "must be a date or a time in UTC, like 2026-05-15 or 2026-05-15T08:00");
        }
    }
}
