package dev.modelregistry.server.webhook;

import dev.modelregistry.core.error.RegistryException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A webhook target as a subscription names it: an absolute {@code http} or {@code https} URL with a host, no user
 * info (the signature authenticates the registry; credentials in a URL end up in listings and logs) and no
 * fragment. Whether its host may be reached is {@link TargetPolicy}'s question, asked at subscription and at every
 * delivery.
 */
public record WebhookUrl(String text, boolean https, String host, int port, String pathAndQuery) {
    public static final int MAX_LENGTH = 2048;

    /** Parses {@code text}; a URL that breaks a rule is a 400 on the field {@code url}. */
    public static WebhookUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw RegistryException.invalid("url", "is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw RegistryException.invalid("url", "must be an absolute http:// or https:// URL");
        }
        if (uri.getRawUserInfo() != null) {
            throw RegistryException.invalid("url", "must not carry user info; deliveries are signed instead");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw RegistryException.invalid("url", "must name a host (letters, digits, dots, dashes, or an IP address)");
        }
        if (uri.getRawFragment() != null) {
            throw RegistryException.invalid("url", "must not have a #fragment");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new WebhookUrl(text, https, uri.getHost().toLowerCase(Locale.ROOT), port, path + query);
    }

    /** The host as DNS knows it: an IPv6 literal without its brackets. */
    public String hostName() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The {@code Host} header: the host, and the port when it is not the scheme's own. */
    public String hostHeader() {
        return port == (https ? 443 : 80) ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return text;
    }
}
