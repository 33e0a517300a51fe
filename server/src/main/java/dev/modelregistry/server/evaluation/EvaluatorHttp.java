package dev.modelregistry.server.evaluation;

import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.PathParams;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import io.javalin.http.Context;

import java.util.List;
import java.util.regex.Pattern;

/** The HTTP adapter for evaluators and their public keys (admin routes). */
public final class EvaluatorHttp {
    /** keyids are hints carried in DSSE signatures: short, printable, no spaces. */
    private static final Pattern KEYID = Pattern.compile("^[\\x21-\\x7e]{1,128}$");

    private final EvaluatorService evaluators;
    private final RequestBody body;

    public EvaluatorHttp(EvaluatorService evaluators, RequestBody body) {
        this.evaluators = evaluators;
        this.body = body;
    }

    public void create(Context ctx, Caller caller) {
        JsonFields fields = body.object(ctx, false).allowOnly("name");
        String name = fields.valid(() -> Slug.require("name", fields.requiredString("name", 63)));
        fields.throwIfInvalid();
        Responses.json(ctx, 201, EvaluationJson.evaluator(evaluators.create(caller, name)));
    }

    public void list(Context ctx, Caller caller) {
        int limit = Pages.limit(ctx);
        List<Evaluator> page = evaluators.page(Pages.after(ctx).orElse(""), limit + 1);
        Responses.json(ctx, 200, Pages.render(page, limit, EvaluationJson::evaluator, Evaluator::name));
    }

    public void get(Context ctx, Caller caller) {
        Responses.json(ctx, 200, EvaluationJson.evaluator(evaluators.get(evaluatorName(ctx))));
    }

    public void addKey(Context ctx, Caller caller) {
        JsonFields fields = body.object(ctx, false).allowOnly("keyid", "public_key_pem");
        String keyid = fields.requiredString("keyid", 128);
        if (keyid != null && !KEYID.matcher(keyid).matches()) {
            fields.error("keyid", "must be 1–128 visible ASCII characters without spaces");
        }
        String pem = fields.requiredMultilineString("public_key_pem", 4096);
        if (pem != null) {
            fields.valid(() -> Ed25519Keys.parsePublicKey("public_key_pem", pem));
        }
        fields.throwIfInvalid();
        Responses.json(ctx, 201, EvaluationJson.key(evaluators.addKey(caller, evaluatorName(ctx), keyid, pem)));
    }

    public void revokeKey(Context ctx, Caller caller) {
        String keyid = ctx.pathParam("keyid");
        if (!KEYID.matcher(keyid).matches()) {
            throw RegistryException.notFound("key");
        }
        evaluators.revokeKey(caller, evaluatorName(ctx), keyid);
        Responses.noContent(ctx);
    }

    private static String evaluatorName(Context ctx) {
        return PathParams.slug(ctx, "name", "evaluator");
    }
}
