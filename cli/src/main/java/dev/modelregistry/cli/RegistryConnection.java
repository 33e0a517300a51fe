package dev.modelregistry.cli;

import dev.modelregistry.client.RegistryClient;
import dev.modelregistry.client.WebhookClient;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.function.BiFunction;

/**
 * Where the registry is and who we are: {@code --url} and {@code --token}, defaulting from {@code MODELREG_URL} and
 * {@code MODELREG_TOKEN}. A mixin of its own for the verbs that read from a registry but print no answer of its, such
 * as {@code sign-report --template}; every other verb takes {@link ClientOptions}, which adds how to print.
 */
public class RegistryConnection {
    static final String URL = "--url";
    static final String TOKEN = "--token";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec verb;

    @Option(names = URL, paramLabel = "URL",
            description = "Registry base URL (default: $MODELREG_URL, else " + EnvironmentDefaults.DEFAULT_URL + ")")
    private String url;

    // No ${DEFAULT-VALUE} in the description: help output must never show the token.
    @Option(names = TOKEN, paramLabel = "TOKEN", description = "Bearer token (default: $MODELREG_TOKEN)")
    private String token;

    RegistryClient connect() {
        return connect(RegistryClient::new);
    }

    /** The webhook routes' client, with the same URL, token and usage errors as {@link #connect()}. */
    WebhookClient connectWebhooks() {
        return connect(WebhookClient::new);
    }

    private <C> C connect(BiFunction<URI, String, C> client) {
        URI base;
        try {
            base = new URI(url);
        } catch (URISyntaxException e) {
            throw new ParameterException(verb.commandLine(), "invalid " + URL + ": " + e.getMessage());
        }
        try {
            return client.apply(base, token);
        } catch (IllegalArgumentException e) {
            // The client's messages name the URL or the problem with the token, never the token itself.
            throw new ParameterException(verb.commandLine(), e.getMessage());
        }
    }

    /** The verb these options belong to: for usage errors and stderr notes that name the right command. */
    CommandLine verb() {
        return verb.commandLine();
    }
}
