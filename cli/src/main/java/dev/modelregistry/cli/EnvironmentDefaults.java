package dev.modelregistry.cli;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Map;

/**
 * Defaults of {@code --url} and {@code --token} from {@code MODELREG_URL} and {@code MODELREG_TOKEN}. Read from
 * a map rather than {@code System.getenv()} so tests can supply an environment.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {
    static final String DEFAULT_URL = "http://127.0.0.1:8080";

    private final Map<String, String> environment;

    EnvironmentDefaults(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String defaultValue(ArgSpec argument) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        return switch (option.longestName()) {
            case RegistryConnection.URL -> nonBlank(environment.get("MODELREG_URL"), DEFAULT_URL);
            case RegistryConnection.TOKEN -> nonBlank(environment.get("MODELREG_TOKEN"), null);
            default -> null;
        };
    }

    /** Whether the environment gives {@code variable} a value (a blank one counts as unset, as for the defaults). */
    boolean sets(String variable) {
        return nonBlank(environment.get(variable), null) != null;
    }

    private static String nonBlank(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
