package dev.modelregistry.server.console;

import dev.modelregistry.core.identity.ModelId;
import dev.modelregistry.server.deployment.DeploymentState;

import java.util.ArrayList;
import java.util.List;

/**
 * What a promotion or rollback would change, in sentences, for the confirmation page: worked out from the current
 * split the way {@link dev.modelregistry.server.deployment.PromotionService} applies it. The service still checks
 * every rule when the change is confirmed; a plan that the rules refuse is refused then, with the reason.
 */
public final class DeploymentPlan {
    private DeploymentPlan() {
    }

    public static List<String> promotion(DeploymentState before, ModelId target, int pct) {
        List<String> changes = new ArrayList<>();
        boolean isCanary = before.canary().map(c -> c.modelId().equals(target)).orElse(false);
        String production = before.production().map(p -> p.modelId().toString()).orElse(null);
        if (pct < 100) {
            changes.add(target + (isCanary ? " stays the canary, now taking " : " becomes the canary, taking ") + pct
                    + "% of the traffic.");
            changes.add(production == null ? "There is no production version to split with: this will be refused."
                    : production + " stays production with " + (100 - pct) + "%.");
        } else {
            changes.add(target + " becomes production at 100%.");
            if (production != null) {
                changes.add(production + " is retired.");
            }
            before.canary().filter(c -> !isCanary)
                    .ifPresent(c -> changes.add(c.modelId() + " is the canary: this will be refused until it is "
                            + "promoted or rolled back."));
        }
        changes.add("The deployment moves from revision " + before.revision() + " to " + (before.revision() + 1)
                + "; watching loaders follow at once.");
        return changes;
    }

    public static List<String> rollback(DeploymentState before) {
        List<String> changes = new ArrayList<>();
        if (before.canary().isPresent()) {
            changes.add("The canary " + before.canary().get().modelId() + " is marked rolled_back and takes no traffic.");
            before.production().ifPresent(p -> changes.add(p.modelId() + " takes 100% again."));
        } else if (before.production().isPresent()) {
            changes.add("Production " + before.production().get().modelId() + " is marked rolled_back.");
            changes.add("The previous production version is restored at 100% (refused if there is none).");
        } else {
            changes.add("Nothing is deployed: this will be refused.");
        }
        changes.add("The deployment moves from revision " + before.revision() + " to " + (before.revision() + 1)
                + "; watching loaders follow at once.");
        return changes;
    }
}
