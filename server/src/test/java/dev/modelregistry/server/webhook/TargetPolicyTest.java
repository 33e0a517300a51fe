package dev.modelregistry.server.webhook;

import dev.modelregistry.core.error.RegistryException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SSRF rules address by address (the API tests refuse whole subscriptions): what no target may resolve to, the
 * IPv6 forms that hide an IPv4 address, and what an operator's allow-list lets through.
 */
class TargetPolicyTest {
    private static final TargetPolicy NONE = TargetPolicy.of(List.of());

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.0.1", "10.0.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "100.100.0.1", "0.0.0.0", "0.1.2.3", "224.0.0.251", "239.255.255.250", "255.255.255.255", "240.0.0.1",
            "198.18.0.1", "192.0.0.8", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "fec0::1",
            "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::10.1.2.3", "64:ff9b::a9fe:a9fe", "2002:0a00:0001::1"})
    void nonPublicAddressesAreForbidden(String address) throws Exception {
        assertThat(AddressRules.forbidden(InetAddress.getByName(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "192.0.2.1", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888",
            "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:0808:0808::1"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(AddressRules.forbidden(InetAddress.getByName(address))).as(address).isEmpty();
    }

    @Test
    void theAllowListAdmitsItsAddressesRangesAndHostsOnly() throws Exception {
        TargetPolicy policy = TargetPolicy.of(List.of("127.0.0.1", "10.20.0.0/16", "[::1]", "hooks.internal"));

        assertThat(policy.addressToConnect(WebhookUrl.parse("http://127.0.0.1:9/x"))).isEqualTo(
                InetAddress.getByName("127.0.0.1"));
        assertThat(policy.addressToConnect(WebhookUrl.parse("http://10.20.30.40/x"))).isNotNull();
        assertThat(policy.addressToConnect(WebhookUrl.parse("http://[::1]/x"))).isNotNull();
        assertThatThrownBy(() -> policy.addressToConnect(WebhookUrl.parse("http://10.21.0.1/x")))
                .isInstanceOf(TargetPolicy.TargetRefusedException.class).hasMessageContaining("private");
        assertThatThrownBy(() -> policy.checkSubscribable(WebhookUrl.parse("http://127.0.0.2/x")))
                .isInstanceOf(RegistryException.class).hasMessageContaining("loopback");
        policy.checkSubscribable(WebhookUrl.parse("http://127.0.0.1/x"));
    }

    @Test
    void aMalformedAllowListEntryFailsAtStart() {
        assertThatThrownBy(() -> TargetPolicy.of(List.of("10.0.0.0/40")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--webhook-allow-hosts");
        assertThatThrownBy(() -> NONE.checkSubscribable(WebhookUrl.parse("http://does-not-resolve.invalid/x")))
                .isInstanceOf(RegistryException.class).hasMessageContaining("does not resolve");
    }

    @Test
    void urlsKeepTheirPathQueryAndHostHeader() {
        WebhookUrl url = WebhookUrl.parse("https://Hooks.Example.com:8443/a/b?x=1&y=%20");
        assertThat(url.https()).isTrue();
        assertThat(url.host()).isEqualTo("hooks.example.com");
        assertThat(url.port()).isEqualTo(8443);
        assertThat(url.pathAndQuery()).isEqualTo("/a/b?x=1&y=%20");
        assertThat(url.hostHeader()).isEqualTo("hooks.example.com:8443");
        assertThat(WebhookUrl.parse("http://[::1]/").hostName()).isEqualTo("::1");
        assertThat(WebhookUrl.parse("http://example.com").pathAndQuery()).isEqualTo("/");
    }
}
