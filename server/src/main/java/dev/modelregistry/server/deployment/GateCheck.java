package dev.modelregistry.server.deployment;

import dev.modelregistry.core.error.ErrorCode;

/**
 * One rule a promotion must pass, evaluated for one version and approver: met or not, with what was found. An unmet
 * rule names the refusal a promotion would get for it ({@code refusal}, null when met).
 */
public record GateCheck(String rule, boolean met, ErrorCode refusal, String detail) {
    static GateCheck met(String rule, String detail) {
        return new GateCheck(rule, true, null, detail);
    }

    static GateCheck unmet(String rule, ErrorCode refusal, String detail) {
        return new GateCheck(rule, false, refusal, detail);
    }
}
