package dev.modelregistry.server.webhook;

import dev.modelregistry.core.error.RegistryException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which hosts webhooks may reach (SSRF protection). A target's host is resolved and every address must be a public
 * unicast one ({@link AddressRules}) unless the operator's allow-list ({@code --webhook-allow-hosts}) names the host,
 * the address or a range holding it. Checked when a subscription is made and again at every delivery, which then
 * connects to the very address it checked, so a DNS answer that changes in between (rebinding) cannot redirect it.
 */
public final class TargetPolicy {
    private final Set<String> allowedHosts;
    private final List<IpRange> allowedRanges;

    private TargetPolicy(Set<String> allowedHosts, List<IpRange> allowedRanges) {
        this.allowedHosts = allowedHosts;
        this.allowedRanges = allowedRanges;
    }

    /** The policy of an allow-list: host names, IP addresses and CIDR ranges; a malformed entry fails start-up. */
    public static TargetPolicy of(List<String> allowList) {
        List<IpRange> ranges = new ArrayList<>();
        for (String entry : allowList) {
            String bare = entry.startsWith("[") && entry.endsWith("]") ? entry.substring(1, entry.length() - 1) : entry;
            if (bare.contains("/") || IpRange.isLiteral(bare)) {
                try {
                    ranges.add(IpRange.parse(bare));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--webhook-allow-hosts: " + entry + " is not an address or "
                            + "CIDR range (" + e.getMessage() + ")", e);
                }
            }
        }
        Set<String> hosts = allowList.stream().filter(e -> !e.contains("/") && !IpRange.isLiteral(e) && !e.startsWith("["))
                .map(e -> e.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        return new TargetPolicy(hosts, List.copyOf(ranges));
    }

    /** At subscription time: every address of the host must be allowed; else a 400 on {@code url} saying why. */
    public void checkSubscribable(WebhookUrl url) {
        List<InetAddress> addresses;
        try {
            addresses = resolve(url);
        } catch (UnknownHostException e) {
            throw RegistryException.invalid("url", "the host " + url.hostName() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> refusal = refusal(url, address);
            if (refusal.isPresent()) {
                throw RegistryException.invalid("url", refusal.get());
            }
        }
    }

    /**
     * At delivery time: the first address of the host, resolved now, that may be reached; the delivery connects to
     * exactly this address. Throws {@link TargetRefusedException} when none may.
     */
    public InetAddress addressToConnect(WebhookUrl url) throws IOException {
        List<String> refusals = new ArrayList<>();
        for (InetAddress address : resolve(url)) {
            Optional<String> refusal = refusal(url, address);
            if (refusal.isEmpty()) {
                return address;
            }
            refusals.add(refusal.get());
        }
        throw new TargetRefusedException(String.join("; ", refusals));
    }

    private List<InetAddress> resolve(WebhookUrl url) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(url.hostName()));
    }

    private Optional<String> refusal(WebhookUrl url, InetAddress address) {
        if (allowedHosts.contains(url.hostName())) {
            return Optional.empty();
        }
        byte[] bytes = address.getAddress();
        if (allowedRanges.stream().anyMatch(range -> range.contains(bytes))) {
            return Optional.empty();
        }
        return AddressRules.forbidden(address).map(reason -> url.hostName() + " resolves to "
                + address.getHostAddress() + ", a " + reason + " address; only the operator's allow-list "
                + "(--webhook-allow-hosts) can make it a webhook target");
    }

    /** No address of a target's host may be reached: the delivery attempt fails with this reason. */
    public static final class TargetRefusedException extends IOException {
        TargetRefusedException(String reason) {
            super(reason);
        }
    }
}
