package dev.modelregistry.server.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.modelregistry.core.error.RegistryException;
import dev.modelregistry.core.identity.ModelName;
import dev.modelregistry.core.identity.Slug;
import dev.modelregistry.server.access.Caller;
import dev.modelregistry.server.events.EventTypes;
import dev.modelregistry.server.http.JsonFields;
import dev.modelregistry.server.http.Pages;
import dev.modelregistry.server.http.RequestBody;
import dev.modelregistry.server.http.Responses;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The HTTP adapter for webhook subscriptions and their delivery logs. */
public final class WebhookHttp {
    private static final Pattern ID = Pattern.compile("wh_[0-9a-f]{16}");
    private static final Pattern DELIVERY_ID = Pattern.compile("[0-9]{1,18}");
    private static final int MAX_FILTER = 256;

    private final WebhookService webhooks;
    private final RequestBody body;

    public WebhookHttp(WebhookService webhooks, RequestBody body) {
        this.webhooks = webhooks;
        this.body = body;
    }

    /** {@code {url, event_types?, models?}}: 201 with the secret, shown this once. */
    public void create(Context ctx, Caller caller) {
        JsonFields fields = body.object(ctx, false).allowOnly("url", "event_types", "models");
        String text = fields.requiredString("url", WebhookUrl.MAX_LENGTH);
        WebhookUrl url = text == null ? null : fields.valid(() -> WebhookUrl.parse(text));
        Optional<List<String>> types = strings(fields, "event_types", EventTypes::isKnown,
                "is not an event type the registry publishes (dev.modelregistry.<action>, e.g. "
                        + EventTypes.of("deployment.promoted") + ")");
        Optional<List<String>> models = strings(fields, "models", Slug::isValid, "is not a model name");
        fields.throwIfInvalid();
        WebhookService.NewSubscription request = new WebhookService.NewSubscription(url, types,
                models.map(names -> names.stream().map(ModelName::new).toList()));
        Responses.jsonWithSecret(ctx, 201, WebhookJson.withSecret(webhooks.create(caller, request)), "secret");
    }

    public void list(Context ctx, Caller caller) {
        int limit = Pages.limit(ctx);
        List<Subscription> page = webhooks.page(caller, Pages.after(ctx).orElse(""), limit + 1);
        Responses.json(ctx, 200, Pages.render(page, limit, WebhookJson::subscription, Subscription::id));
    }

    public void get(Context ctx, Caller caller) {
        Responses.json(ctx, 200, WebhookJson.subscription(webhooks.get(caller, id(ctx))));
    }

    public void delete(Context ctx, Caller caller) {
        webhooks.delete(caller, id(ctx));
        Responses.noContent(ctx);
    }

    public void rotateSecret(Context ctx, Caller caller) {
        body.object(ctx, true).allowOnly().throwIfInvalid();
        Responses.jsonWithSecret(ctx, 200, WebhookJson.withSecret(webhooks.rotateSecret(caller, id(ctx))), "secret");
    }

    public void enable(Context ctx, Caller caller) {
        body.object(ctx, true).allowOnly().throwIfInvalid();
        Responses.json(ctx, 200, WebhookJson.subscription(webhooks.enable(caller, id(ctx))));
    }

    /** The delivery log, newest first; {@code after} is the id of the last delivery of the previous page. */
    public void deliveries(Context ctx, Caller caller) {
        int limit = Pages.limit(ctx);
        long before = Pages.after(ctx).map(WebhookHttp::cursor).orElse(Long.MAX_VALUE);
        List<Delivery> page = webhooks.deliveries(caller, id(ctx), before, limit + 1);
        Responses.json(ctx, 200, Pages.render(page, limit, WebhookJson::delivery, d -> Long.toString(d.id())));
    }

    public void redeliver(Context ctx, Caller caller) {
        body.object(ctx, true).allowOnly().throwIfInvalid();
        String text = ctx.pathParam("delivery_id");
        if (!DELIVERY_ID.matcher(text).matches()) {
            throw RegistryException.notFound("delivery");
        }
        Responses.json(ctx, 202, WebhookJson.delivery(webhooks.redeliver(caller, id(ctx), Long.parseLong(text))));
    }

    private static String id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!ID.matcher(id).matches()) {
            throw RegistryException.notFound("webhook");
        }
        return id;
    }

    private static long cursor(String after) {
        if (!DELIVERY_ID.matcher(after).matches()) {
            throw RegistryException.invalid("after", "must be a delivery id from the previous page's next");
        }
        return Long.parseLong(after);
    }

    /** An optional, non-empty array of distinct strings each {@code valid}; absent or null means "all". */
    private static Optional<List<String>> strings(JsonFields fields, String field, Predicate<String> valid,
                                                  String invalid) {
        Optional<ArrayNode> array = fields.optionalArray(field);
        if (array.isEmpty()) {
            return Optional.empty();
        }
        if (array.get().isEmpty() || array.get().size() > MAX_FILTER) {
            fields.error(field, "must name 1-" + MAX_FILTER + " values; leave it out for all");
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < array.get().size(); i++) {
            JsonNode value = array.get().get(i);
            if (!value.isTextual() || !valid.test(value.textValue())) {
                // The value is not echoed: it may be anything a client sent.
                fields.error(field, "item " + (i + 1) + " " + invalid);
            } else if (!values.contains(value.textValue())) {
                values.add(value.textValue());
            }
        }
        return Optional.of(values);
    }
}
