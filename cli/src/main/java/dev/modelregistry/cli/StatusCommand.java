package dev.modelregistry.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelregistry.client.ProblemException;
import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.core.error.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** {@code modelreg status}: whether the registry the CLI points at answers, is ready, and accepts the token. */
@Command(name = "status", description = {"Check the registry at --url (or $MODELREG_URL): alive (/healthz), ready "
        + "(/readyz: its database answers) and whether it accepts the token.",
        "Exit code 0 when all is well (or no token is set), 2 when the token is refused, 3 when it is unreachable or "
                + "not ready."})
final class StatusCommand implements Callable<Integer> {
    @Mixin
    private ClientOptions client;

    @Override
    public Integer call() {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        int exitCode = 0;
        try (RegistryClient registry = client.connect()) {
            status.put("url", registry.baseUri().toString());
            status.put("alive", "ok".equals(registry.health().path("status").asText()));
            try {
                status.put("ready", "ready".equals(registry.ready().path("status").asText()));
            } catch (ProblemException notReady) {
                status.put("ready", false).put("not_ready", notReady.detail());
            }
            String token = token(registry);
            status.put("token", token);
            if (!status.path("ready").asBoolean()) {
                exitCode = ErrorReporter.UNAVAILABLE;
            } else if ("refused".equals(token)) {
                exitCode = ErrorReporter.REFUSED;
            }
        }
        print(status);
        return exitCode;
    }

    /** accepted, refused, or none: asked with the smallest authenticated read there is. */
    private String token(RegistryClient registry) {
        if (!ConnectionHints.hasToken(client.verb())) {
            return "none";
        }
        try {
            registry.models(null, 1);
            return "accepted";
        } catch (ProblemException e) {
            if (e.code() != ErrorCode.UNAUTHENTICATED) {
                throw e;
            }
            return "refused";
        }
    }

    private void print(ObjectNode status) {
        Output output = client.output();
        if (output.json()) {
            output.json(status);
            return;
        }
        output.fields(status);
        if ("none".equals(status.path("token").asText())) {
            output.line("hint: no token is set; set MODELREG_TOKEN or pass --token TOKEN to do more than read /keys");
        } else if ("refused".equals(status.path("token").asText())) {
            output.line(ConnectionHints.token(client.verb()));
        }
    }
}
