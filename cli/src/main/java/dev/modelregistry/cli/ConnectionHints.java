package dev.modelregistry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The {@code hint:} lines of a failed connection: what the user sets to fix it, and where the value in use came from
 * (the flag, the environment variable, or the built-in default). Never the token itself.
 */
final class ConnectionHints {
    private ConnectionHints() {
    }

    /** After a 401: whether a token was sent at all, and how to give one. */
    static String token(CommandLine verb) {
        String source = source(verb, RegistryConnection.TOKEN, "MODELREG_TOKEN");
        if (!hasToken(verb)) {
            return "hint: no token was sent; set MODELREG_TOKEN or pass --token TOKEN "
                    + "(an admin issues one with 'modelreg tokens create NAME')";
        }
        return "hint: the registry did not accept the token from " + source
                + " (mistyped, revoked, or for another registry?); set MODELREG_TOKEN or pass --token TOKEN";
    }

    /** Whether the verb has a token to send, from --token or MODELREG_TOKEN. */
    static boolean hasToken(CommandLine verb) {
        return value(verb, RegistryConnection.TOKEN) != null;
    }

    /** After no answer at all: the base URL in use and how to point the CLI elsewhere. */
    static String url(CommandLine verb) {
        String url = value(verb, RegistryConnection.URL);
        return "hint: the registry URL " + (url == null ? EnvironmentDefaults.DEFAULT_URL : url) + " came from "
                + source(verb, RegistryConnection.URL, "MODELREG_URL")
                + "; is the server running there? Set another with --url URL or MODELREG_URL";
    }

    private static String value(CommandLine verb, String option) {
        OptionSpec spec = verb.getCommandSpec().findOption(option);
        Object value = spec == null ? null : spec.getValue();
        return value == null || value.toString().isBlank() ? null : value.toString();
    }

    /** The flag when it was on the command line, else the variable when it is set, else the built-in default. */
    private static String source(CommandLine verb, String option, String variable) {
        ParseResult parsed = verb.getParseResult();
        if (parsed != null && parsed.hasMatchedOption(option)) {
            return option;
        }
        if (verb.getCommandSpec().defaultValueProvider() instanceof EnvironmentDefaults environment
                && environment.sets(variable)) {
            return variable;
        }
        return "the built-in default";
    }
}
