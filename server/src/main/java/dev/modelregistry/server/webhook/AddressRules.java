package dev.modelregistry.server.webhook;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a webhook may not reach unless the operator's allow-list names them: everything that is not a
 * public unicast address (RFC 6890's special-purpose ranges that lead inside: loopback, private, shared, link-local,
 * multicast, unspecified, reserved). IPv6 forms that carry an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64,
 * 6to4) are judged by that IPv4 address, so {@code ::ffff:127.0.0.1} is loopback too.
 */
final class AddressRules {
    private record Rule(IpRange range, String reason) {
    }

    private static final List<Rule> FORBIDDEN = List.of(
            rule("0.0.0.0/8", "unspecified"), rule("10.0.0.0/8", "private"),
            rule("100.64.0.0/10", "shared (carrier-grade NAT)"), rule("127.0.0.0/8", "loopback"),
            rule("169.254.0.0/16", "link-local"), rule("172.16.0.0/12", "private"),
            rule("192.0.0.0/24", "IETF protocol assignments"), rule("192.168.0.0/16", "private"),
            rule("198.18.0.0/15", "benchmarking"), rule("224.0.0.0/4", "multicast"),
            rule("240.0.0.0/4", "reserved or broadcast"),
            rule("::/128", "unspecified"), rule("::1/128", "loopback"), rule("100::/64", "discard-only"),
            rule("fc00::/7", "private (unique local)"), rule("fe80::/10", "link-local"),
            rule("fec0::/10", "site-local"), rule("ff00::/8", "multicast"));

    /** IPv6 ranges whose addresses embed an IPv4 address, and where in the 16 bytes it sits. */
    private record Embedding(IpRange range, int offset) {
    }

    private static final List<Embedding> EMBEDDING = List.of(
            new Embedding(ipv4Mapped(), 12), new Embedding(IpRange.parse("::/96"), 12),
            new Embedding(IpRange.parse("64:ff9b::/96"), 12), new Embedding(IpRange.parse("2002::/16"), 2));

    private AddressRules() {
    }

    /**
     * {@code ::ffff:0:0/96}, built from its bytes: the JDK turns an IPv4-mapped literal into an IPv4 address (which
     * the rules above then judge), but an address handed over as 16 bytes is caught here too.
     */
    private static IpRange ipv4Mapped() {
        byte[] network = new byte[16];
        network[10] = (byte) 0xff;
        network[11] = (byte) 0xff;
        return new IpRange(network, 96);
    }

    private static Rule rule(String range, String reason) {
        return new Rule(IpRange.parse(range), reason);
    }

    /** Why {@code address} may not be a target, or empty when it is a public unicast address. */
    static Optional<String> forbidden(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Rule rule : FORBIDDEN) {
            if (rule.range().contains(bytes)) {
                return Optional.of(rule.reason());
            }
        }
        for (Embedding embedding : EMBEDDING) {
            if (bytes.length == 16 && embedding.range().contains(bytes)) {
                byte[] ipv4 = Arrays.copyOfRange(bytes, embedding.offset(), embedding.offset() + 4);
                return FORBIDDEN.stream().filter(rule -> rule.range().contains(ipv4)).findFirst()
                        .map(rule -> rule.reason() + " (as IPv4 inside IPv6)");
            }
        }
        return Optional.empty();
    }
}
