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
}
