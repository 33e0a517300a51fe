package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.cli.Output.Column;
import dev.modelregistry.client.WebhookClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;

/**
 * {@code modelreg webhooks}: subscriptions of URLs to the registry's events (signed CloudEvents, Standard Webhooks),
 * and their delivery logs. A subscription's secret is shown once, when it is created or rotated.
 */
@Command(name = "webhooks", mixinStandardHelpOptions = true,
        description = "Webhook subscriptions to the registry's events, and their deliveries")
final class WebhooksCommand {
    private static final List<Column> SUBSCRIPTION_COLUMNS = List.of(
            Column.field("ID", "id"), Column.field("STATE", "state"), Column.field("OWNER", "owner"),
            Column.field("EVENT_TYPES", "event_types"), Column.field("MODELS", "models"), Column.field("URL", "url"));
    private static final List<Column> DELIVERY_COLUMNS = List.of(
            Column.field("ID", "id"), Column.field("EVENT", "event_id"), Column.field("TYPE", "event_type"),
            Column.field("CHAIN", "chain"), Column.field("STATUS", "status"), Column.field("ATTEMPTS", "attempts"),
            Column.field("CODE", "response_code"), Column.field("MS", "latency_ms"),
            Column.time("ATTEMPTED", "attempted_at"), Column.field("ERROR", "error"));

    @Command(name = "create", description = "Subscribe URL to events (admin: any; a team member: their team's models)")
    int create(@Mixin ClientOptions options, @Parameters(paramLabel = "URL") String url,
               @Option(names = "--event-type", paramLabel = "TYPE",
                       description = "Only this type, e.g. dev.modelregistry.deployment.promoted (repeatable; "
                               + "default all)") List<String> eventTypes,
               @Option(names = "--model", paramLabel = "MODEL",
                       description = "Only this model's events (repeatable; default all, for admins)")
               List<String> models) {
        show(options, webhooks -> webhooks.create(url, eventTypes, models));
        noteSecret(options);
        return 0;
    }

    @Command(name = "list", description = "List the subscriptions you may manage")
    int list(@Mixin ClientOptions options) {
        try (WebhookClient webhooks = options.connectWebhooks()) {
            options.output().list(webhooks.all().toList(), SUBSCRIPTION_COLUMNS);
        }
        return 0;
    }

    @Command(name = "show", description = "Show a subscription (never its secret)")
    int show(@Mixin ClientOptions options, @Parameters(paramLabel = "ID") String id) {
        return show(options, webhooks -> webhooks.get(id));
    }

    @Command(name = "delete", description = "Delete a subscription and its delivery log")
    int delete(@Mixin ClientOptions options, @Parameters(paramLabel = "ID") String id) {
        try (WebhookClient webhooks = options.connectWebhooks()) {
            webhooks.delete(id);
        }
        options.output().done("deleted webhook " + id);
        return 0;
    }

    @Command(name = "rotate-secret", description = "A new signing secret; the old one also signs for 24 hours")
    int rotateSecret(@Mixin ClientOptions options, @Parameters(paramLabel = "ID") String id) {
        show(options, webhooks -> webhooks.rotateSecret(id));
        noteSecret(options);
        return 0;
    }

    @Command(name = "enable", description = "Resume a failing subscription: what it gave up on is sent again, in order")
    int enable(@Mixin ClientOptions options, @Parameters(paramLabel = "ID") String id) {
        return show(options, webhooks -> webhooks.enable(id));
    }

    @Command(name = "deliveries", description = "The delivery log of a subscription, newest first")
    int deliveries(@Mixin ClientOptions options, @Parameters(paramLabel = "ID") String id,
                   @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
                           description = "At most N deliveries (default ${DEFAULT-VALUE})") int limit) {
        try (WebhookClient webhooks = options.connectWebhooks()) {
            List<JsonNode> newest = webhooks.allDeliveries(id).limit(Math.max(limit, 0)).toList();
            options.output().list(newest, DELIVERY_COLUMNS);
        }
        return 0;
    }

    @Command(name = "redeliver", description = "Send a delivery again, with the same webhook-id")
    int redeliver(@Mixin ClientOptions options, @Parameters(paramLabel = "ID") String id,
                  @Parameters(paramLabel = "DELIVERY_ID") long deliveryId) {
        return show(options, webhooks -> webhooks.redeliver(id, deliveryId));
    }

    /** Prints the one resource {@code call} answers; exit code 0. */
    private static int show(ClientOptions options, Function<WebhookClient, JsonNode> call) {
        try (WebhookClient webhooks = options.connectWebhooks()) {
            options.output().resource(call.apply(webhooks));
        }
        return 0;
    }

    /** On stderr, so that stdout holds only the answer for whoever captures it. */
    private static void noteSecret(ClientOptions options) {
        PrintWriter err = options.verb().getErr();
        err.println("note: this secret is shown only now and cannot be retrieved again; give it to the receiver, "
                + "which verifies each delivery's webhook-signature with it.");
        err.flush();
    }
}
