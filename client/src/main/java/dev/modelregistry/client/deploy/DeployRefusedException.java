package dev.modelregistry.client.deploy;

/**
 * The deploy guard refused to load (or to keep serving) a deployment. The {@link Reason} says which check failed;
 * the message says what was seen. Whatever was loaded before stays loaded, and the remembered revision is unchanged.
 */
public class DeployRefusedException extends RuntimeException {
    /** Why a deployment was refused. */
    public enum Reason {
        /** No usable DSSE envelope of the manifest payload type came with the deployment. */
        UNSIGNED,
        /** The manifest's signature does not verify with any pinned registry key. */
        WRONG_KEY,
        /** The signed payload is not a manifest of the expected shape. */
        MALFORMED_MANIFEST,
        /** The manifest is for another model than the one this guard loads. */
        MODEL_MISMATCH,
        /** The manifest's {@code expires_at} has passed (beyond the allowed clock skew). */
        EXPIRED,
        /** The manifest's revision is lower than the highest this guard ever accepted. */
        REVISION_WENT_BACKWARDS,
        /** The model has no production version: unregistered, never promoted, or nothing loaded yet. */
        NOT_DEPLOYED,
        /** An artifact's bytes differ from the manifest in length or SHA-256. */
        ARTIFACT_TAMPERED,
        /** The registry could not be reached, or failed (5xx). */
        UNREACHABLE,
        /** The registry refused the guard's request (bad token, no access). */
        REGISTRY_REFUSED,
        /** The local cache or state file could not be read or written. */
        LOCAL_IO
    }

    private final Reason reason;

    public DeployRefusedException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = reason;
    }

    public DeployRefusedException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
