package io.courtside.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.courtside.kernel.InvalidUrlException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Caller-given hosts must resolve to public addresses only, whatever notation hides a private one. */
class AddressPolicyTest {

    private final AddressPolicy policy = new AddressPolicy();

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
            "100.100.100.200", "0.0.0.0", "::1", "[::1]", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254",
            "2130706433", "0x7f000001", "0177.0.0.1", "127.1", "224.0.0.1"})
    void refusesNonPublicAddressesInAnyNotation(String host) {
        assertThatThrownBy(() -> policy.requirePublic(host)).isInstanceOf(InvalidUrlException.class)
                .hasMessageContaining("'" + host + "'");
    }

    /** IPv6 that a gateway turns into IPv4: refused whatever IPv4 they carry, allowed only with private addresses. */
    @ParameterizedTest
    @ValueSource(strings = {"64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::808:808", "64:ff9b:1::a00:1",
            "64:ff9b:1:ffff::808:808", "2002:7f00:1::1", "2002:a9fe:a9fe::", "2002:808:808::1", "2001:0:4136:e378::1",
            "2001::1"})
    void refusesNat64SixToFourAndTeredoAddresses(String host) {
        assertThatThrownBy(() -> policy.requirePublic(host)).isInstanceOf(InvalidUrlException.class)
                .hasMessageContaining("non-public");
        assertThat(policy.resolve(host, true)).hasSize(1);
    }

    @Test
    void acceptsPublicAddresses() throws Exception {
        // Neighbours of the translation prefixes stay public.
        assertThat(AddressPolicy.isPublic(InetAddress.getByName("2001:4860::8888"))).isTrue();
        assertThat(AddressPolicy.isPublic(InetAddress.getByName("64:ff9c::808:808"))).isTrue();
        assertThat(AddressPolicy.isPublic(InetAddress.getByName("2003::1"))).isTrue();
        assertThat(AddressPolicy.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
        assertThat(AddressPolicy.isPublic(InetAddress.getByName("2606:4700::1111"))).isTrue();
        assertThat(policy.requirePublic("93.184.216.34")).hasSize(1);
    }

    @Test
    void hostPatternsMatchExactlyOrBySuffix() {
        assertThat(AddressPolicy.hostMatches("cdn.example.org", List.of(".example.org"))).isTrue();
        assertThat(AddressPolicy.hostMatches("evilexample.org", List.of(".example.org"))).isFalse();
        assertThat(AddressPolicy.hostMatches("media.example.com", List.of("media.example.com"))).isTrue();
        assertThat(AddressPolicy.hostMatches("x.media.example.com", List.of("media.example.com"))).isFalse();
    }
}
