package dev.modelregistry.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelregistry.server.acl.AclChange;
import dev.modelregistry.server.acl.AclJson;
import dev.modelregistry.server.artifact.Artifact;
import dev.modelregistry.server.artifact.ArtifactJson;
import dev.modelregistry.server.audit.AuditDetailRenderer;
import dev.modelregistry.server.auth.ApiToken;
import dev.modelregistry.server.auth.Principal;
import dev.modelregistry.server.auth.PrincipalJson;
import dev.modelregistry.server.auth.RoleChange;
import dev.modelregistry.server.console.ConsoleJson;
import dev.modelregistry.server.console.ConsoleSession;
import dev.modelregistry.server.deployment.DeploymentChange;
import dev.modelregistry.server.deployment.DeploymentJson;
import dev.modelregistry.server.deployment.DeploymentState;
import dev.modelregistry.server.evaluation.EvaluationJson;
import dev.modelregistry.server.evaluation.EvaluationReport;
import dev.modelregistry.server.evaluation.Evaluator;
import dev.modelregistry.server.evaluation.EvaluatorKey;
import dev.modelregistry.server.keys.KeyChange;
import dev.modelregistry.server.keys.KeyJson;
import dev.modelregistry.server.lineage.IngestedBatch;
import dev.modelregistry.server.lineage.LineageJson;
import dev.modelregistry.server.model.DeprecationPolicy;
import dev.modelregistry.server.model.Model;
import dev.modelregistry.server.model.ModelHealth;
import dev.modelregistry.server.model.ModelJson;
import dev.modelregistry.server.model.Version;
import dev.modelregistry.server.model.HealthState;
import dev.modelregistry.server.ownership.OwnerChange;
import dev.modelregistry.server.ownership.OwnershipJson;
import dev.modelregistry.server.team.Team;
import dev.modelregistry.server.team.TeamJson;
import dev.modelregistry.server.team.TeamMembership;
import dev.modelregistry.server.webhook.Redelivery;
import dev.modelregistry.server.webhook.Subscription;
import dev.modelregistry.server.webhook.WebhookJson;

/**
 * The one place where audit detail is built from domain records. Services hand the audit log the records a change
 * was about; this renders each with its feature's JSON renderer, so an entry's detail has the same shape as the
 * API's answer about the same thing. It lives beside the wiring because it is the only code that knows every feature.
 */
final class AuditDetails implements AuditDetailRenderer {
    @Override
    public JsonNode render(Object record) {
        return switch (record) {
            case null -> null;
            case Principal principal -> PrincipalJson.principal(principal);
            case ApiToken token -> PrincipalJson.token(token);
            case RoleChange change -> PrincipalJson.roleChange(change);
            case Team team -> TeamJson.team(team);
            case TeamMembership membership -> TeamJson.membership(membership);
            case AclChange change -> AclJson.change(change);
            case Evaluator evaluator -> EvaluationJson.evaluator(evaluator);
            case EvaluatorKey key -> EvaluationJson.key(key);
            case EvaluationReport report -> EvaluationJson.report(report);
            case Model model -> ModelJson.model(model);
            case Version version -> ModelJson.version(version);
            case ModelHealth health -> ModelJson.health(health);
            case DeprecationPolicy policy -> ModelJson.policy(policy);
            case OwnerChange change -> OwnershipJson.ownerChange(change);
            case HealthState state -> ModelJson.healthState(state);
            case Artifact artifact -> ArtifactJson.artifact(artifact);
            case DeploymentState state -> DeploymentJson.state(state);
            case DeploymentChange change -> DeploymentJson.change(change);
            case KeyChange change -> KeyJson.change(change);
            case IngestedBatch batch -> LineageJson.batch(batch);
            case ConsoleSession session -> ConsoleJson.session(session);
            case Subscription subscription -> WebhookJson.subscription(subscription);
            case Redelivery redelivery -> WebhookJson.redelivery(redelivery);
            default -> throw new IllegalArgumentException("no audit detail is defined for " + record.getClass().getName());
        };
    }
}
