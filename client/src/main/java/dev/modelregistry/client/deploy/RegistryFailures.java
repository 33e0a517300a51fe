package dev.modelregistry.client.deploy;

import dev.modelregistry.client.ProblemException;
import dev.modelregistry.client.RegistryUnreachableException;
import dev.modelregistry.client.deploy.DeployRefusedException.Reason;
import dev.modelregistry.core.error.ErrorCode;

/** Maps what the client throws to the guard's reasons, so every refusal reaches the caller the same way. */
final class RegistryFailures {
    private RegistryFailures() {
    }

    static DeployRefusedException translate(RuntimeException failure, String doing) {
        return switch (failure) {
            case DeployRefusedException refused -> refused;
            case RegistryUnreachableException unreachable ->
                    new DeployRefusedException(Reason.UNREACHABLE, doing + ": " + unreachable.getMessage(), unreachable);
            case ProblemException problem when problem.code() == ErrorCode.NOT_FOUND ->
                    new DeployRefusedException(Reason.NOT_DEPLOYED, doing + ": the registry answered "
                            + problem.status() + " " + problem.detail(), problem);
            case ProblemException problem when problem.isClientError() ->
                    new DeployRefusedException(Reason.REGISTRY_REFUSED, doing + ": the registry answered "
                            + problem.status() + " " + problem.title() + ": " + problem.detail(), problem);
            case ProblemException problem ->
                    new DeployRefusedException(Reason.UNREACHABLE, doing + ": the registry answered "
                            + problem.status() + " " + problem.title() + ": " + problem.detail(), problem);
            default -> throw failure;
        };
    }
}
