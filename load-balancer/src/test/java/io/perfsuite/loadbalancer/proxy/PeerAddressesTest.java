package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.SocketAddress;

class PeerAddressesTest {

    private final PeerAddresses addresses = new PeerAddresses();

    @Test
    void shouldFormatAConnectionsAddressOnceAndHandTheSameTextBack() {
        SocketAddress peer = SocketAddress.inetSocketAddress(40_000, "10.0.0.7");

        String first = addresses.text(peer);

        assertThat(first).isEqualTo("10.0.0.7");
        assertThat(addresses.text(peer)).isSameAs(first);
    }

    @Test
    void shouldKeepEveryPeerItsOwnTextWhateverTheSlot() {
        for (int i = 1; i <= 600; i++) {
            String ip = "10.0." + (i / 250) + "." + (i % 250 + 1);
            assertThat(addresses.text(SocketAddress.inetSocketAddress(40_000 + i, ip))).isEqualTo(ip);
        }
        assertThat(addresses.text(SocketAddress.inetSocketAddress(40_000, "2001:db8::1"))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(addresses.text(null)).isEqualTo("unknown");
    }

    @Test
    void shouldBuildTheForwardedElementAgainOnlyWhenTheHostOrProtoChanges() {
        SocketAddress peer = SocketAddress.inetSocketAddress(40_000, "10.0.0.7");

        String element = addresses.forwardedElement(peer, "http", "shop.example");

        assertThat(element).isEqualTo("for=10.0.0.7;proto=http;host=shop.example");
        assertThat(addresses.forwardedElement(peer, "http", "shop.example")).isSameAs(element);
        assertThat(addresses.forwardedElement(peer, "http", "api.example:8443"))
                .isEqualTo("for=10.0.0.7;proto=http;host=\"api.example:8443\"");
        assertThat(addresses.forwardedElement(peer, "https", null)).isEqualTo("for=10.0.0.7;proto=https");
        assertThat(addresses.forwardedElement(SocketAddress.inetSocketAddress(40_001, "10.0.0.8"), "https", null))
                .isEqualTo("for=10.0.0.8;proto=https");
    }
}
