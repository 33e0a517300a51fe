package dev.modelregistry.server.deployment;

import dev.modelregistry.core.identity.ModelId;

import java.util.List;

/**
 * How ready a version is for promotion: every promotion rule for one version and approver, met or not, in the order
 * a refused promotion lists the unmet ones.
 */
public record PromotionReadiness(ModelId modelId, String approver, List<GateCheck> checks) {
    public PromotionReadiness {
        checks = List.copyOf(checks);
    }

    /** True when every rule is met: a promotion now would pass the gates (the split is checked on its own). */
    public boolean ready() {
        return checks.stream().allMatch(GateCheck::met);
    }
}
