package dev.modelregistry.server.events;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CloudEvents {@code type} of every audit action: {@code dev.modelregistry.} and the action, e.g.
 * {@code dev.modelregistry.deployment.promoted}. An orphaned model is a {@code model.health_changed} whose
 * {@code data.after.state} is {@code orphan}: the health sweeper audits every health change alike.
 */
public final class EventTypes {
    public static final String PREFIX = "dev.modelregistry.";

    /**
     * Every action the registry audits, so the types a subscription names can be checked. An action missing here is
     * still published (as its type); it only cannot be subscribed to by name. {@code EventTypesTest} keeps the list
     * complete against the sources.
     */
    public static final List<String> ACTIONS = List.of(
            // a model and its versions, on the model's own chain
            "model.created", "model.reassigned", "model.policy_changed", "model.health_changed",
            "version.registered", "version.sealed", "artifact.uploaded", "artifact.replaced", "evaluation.recorded",
            "deployment.promoted", "deployment.rolled_back",
            // lineage ingest batches
            "lineage.ingested",
            // administration
            "principal.created", "principal.role_granted", "principal.role_revoked", "token.created",
            "token.revoked", "team.created", "team.member_added", "team.member_removed", "acl.approver_added",
            "acl.approver_removed", "evaluator.created", "evaluator.key_added", "evaluator.key_revoked",
            "registry_key.published", "registry_key.rotated", "console.signed_in", "console.signed_out",
            // webhook subscriptions themselves
            "webhook.created", "webhook.deleted", "webhook.secret_rotated", "webhook.enabled", "webhook.failing",
            "webhook.redelivery_requested");

    private static final Set<String> KNOWN = ACTIONS.stream().map(EventTypes::of).collect(Collectors.toUnmodifiableSet());

    private EventTypes() {
    }

    /** The CloudEvents type of an audit action. */
    public static String of(String action) {
        return PREFIX + action;
    }

    public static boolean isKnown(String type) {
        return KNOWN.contains(type);
    }
}
