package dev.modelregistry.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.Responses;
import dev.modelregistry.server.http.Route;
import dev.modelregistry.server.json.Json;
import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;

import static dev.modelregistry.server.http.Access.AUTHENTICATED;

/** Reading and verifying the audit log; any authenticated principal may, since compliance and on-call need it. */
public final class AuditRoutes {
    private final Database database;
    private final AuditStore store;
    private final AuditVerifier verifier;

    public AuditRoutes(Database database, AuditStore store, AuditVerifier verifier) {
        this.database = database;
        this.store = store;
        this.verifier = verifier;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/audit", AUTHENTICATED, (ctx, caller) -> {
                    int limit = Pages.limit(ctx);
                    long after = afterSeq(ctx);
                    Optional<String> subject = Optional.ofNullable(ctx.queryParam("subject")).filter(s -> !s.isEmpty());
                    if (subject.isPresent() && subject.get().length() > 300) {
                        throw RegistryException.invalid("subject", "at most 300 characters");
                    }
                    List<AuditEntry> page = database.withHandle(h -> store.page(h, subject, after, limit + 1));
                    Responses.json(ctx, 200, Pages.render(page, limit, AuditRoutes::toJson, e -> String.valueOf(e.seq())));
                }),
                Route.get("/audit/verify", AUTHENTICATED, (ctx, caller) ->
                        Responses.json(ctx, 200, toJson(verifier.verify()))));
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

    static ObjectNode toJson(AuditEntry entry) {
        ObjectNode json = Json.object().put("seq", entry.seq()).put("chain", entry.chain()).put("chain_seq", entry.chainSeq());
        Json.putTime(json, "occurred_at", entry.occurredAt());
        json.put("actor", entry.actor()).put("action", entry.action()).put("subject", entry.subject());
        json.set("detail", detail(entry.detailJson()));
        return json.put("request_id", entry.requestId()).put("prev_hash", entry.prevHash()).put("entry_hash", entry.entryHash());
    }

    /** A row edited by hand may not even be JSON any more; show it as text rather than fail the listing. */
    private static JsonNode detail(String text) {
        try {
            return Json.readStored(text);
        } catch (IllegalStateException e) {
            return TextNode.valueOf(text);
        }
    }

    static ObjectNode toJson(AuditVerification verification) {
        ObjectNode json = Json.object().put("ok", verification.ok()).put("entries", verification.entries())
                .put("chains", verification.chains());
        ArrayNode problems = json.putArray("problems");
        verification.problems().forEach(p -> problems.addObject().put("chain", p.chain()).put("chain_seq", p.chainSeq())
                .put("seq", p.seq()).put("reason", p.reason()));
        return json;
    }
}
