package dev.modelregistry.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Webhook delivery settings.
 *
 * @param allowHosts   hosts, addresses and CIDR ranges that may be targets although private, loopback or link-local
 *                     (none by default: only public addresses are)
 * @param timeout      how long one delivery attempt may take, connecting included, before it counts as failed
 * @param pollInterval how often each instance looks for retries that came due (commits wake it at once)
 * @param secretKey    the key file that encrypts the subscriptions' signing secrets in the database; default
 *                     {@code webhook-secret-key} beside the registry's signing key (so {@code <data-dir>} unless
 *                     {@code --signing-key} names another place), created 0600 at first start; instances sharing a
 *                     database need the same file, as they need the same signing key
 */
public record WebhookConfig(List<String> allowHosts, Duration timeout, Duration pollInterval, Optional<Path> secretKey) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

    public WebhookConfig {
        allowHosts = List.copyOf(allowHosts);
        if (timeout.isNegative() || timeout.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the webhook timeout and poll interval must be positive");
        }
    }

    public static WebhookConfig defaults() {
        return new WebhookConfig(List.of(), DEFAULT_TIMEOUT, DEFAULT_POLL_INTERVAL, Optional.empty());
    }

    /** The allow-list as {@code --webhook-allow-hosts} gives it: entries separated by commas. */
    public static List<String> allowList(String commaSeparated) {
        return List.of(commaSeparated.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The key file: the one given, else {@code webhook-secret-key} in the signing key's directory. */
    public Path secretKeyPath(Path signingKey) {
        return secretKey.orElseGet(() -> signingKey.toAbsolutePath().resolveSibling("webhook-secret-key"));
    }

    public WebhookConfig withAllowHosts(List<String> hosts) {
        return new WebhookConfig(hosts, timeout, pollInterval, secretKey);
    }

    public WebhookConfig withTimeout(Duration newTimeout) {
        return new WebhookConfig(allowHosts, newTimeout, pollInterval, secretKey);
    }

    public WebhookConfig withPollInterval(Duration interval) {
        return new WebhookConfig(allowHosts, timeout, interval, secretKey);
    }
}
