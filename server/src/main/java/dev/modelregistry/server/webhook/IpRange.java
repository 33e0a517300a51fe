package dev.modelregistry.server.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** A range of IP addresses, IPv4 or IPv6: a network address and how many leading bits of it count. */
record IpRange(byte[] network, int prefix) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** {@code 10.0.0.0/8}, {@code fc00::/7}, or one address ({@code 127.0.0.1}, {@code ::1}) as a range of one. */
    static IpRange parse(String text) {
        int slash = text.indexOf('/');
        InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
        int bits = address.getAddress().length * 8;
        int prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("the prefix of " + text + " must be 0-" + bits);
        }
        return new IpRange(address.getAddress(), prefix);
    }

    /** Whether {@code text} is an IP address literal (which parsing never looks up in DNS). */
    static boolean isLiteral(String text) {
        return IPV4.matcher(text).matches() || text.contains(":");
    }

    /** The address a literal names, without a DNS lookup (nothing but literals gets here). */
    static InetAddress literal(String text) {
        if (!isLiteral(text)) {
            throw new IllegalArgumentException(text + " is not an IP address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text + " is not an IP address", e);
        }
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[whole] & mask) == (network[whole] & mask);
    }
}
