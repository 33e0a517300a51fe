package dev.modelregistry.server.deployment;

import dev.modelregistry.core.identity.ModelId;

import java.util.List;

/** Every promotion rule for one version and approver, in the order a refusal would name the first unmet one. */
public record PromotionChecklist(ModelId modelId, String approver, List<GateCheck> checks) {
    public PromotionChecklist {
        checks = List.copyOf(checks);
    }

    /** True when every rule is met: a promotion now would pass the gates (the split is checked on its own). */
    public boolean ready() {
        return checks.stream().allMatch(GateCheck::met);
    }
}
