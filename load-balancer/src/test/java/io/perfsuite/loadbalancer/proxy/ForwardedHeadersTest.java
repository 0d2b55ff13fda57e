package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ForwardedHeadersTest {

    private static Map<String, String> write(String client, String proto, String host, String xff, String forwarded) {
        Map<String, String> out = new LinkedHashMap<>();
        ForwardedHeaders.write(client, proto, host, xff, forwarded, (name, value) -> out.put(name.toString(), value));
        return out;
    }

    @Test
    void shouldAppendTheClientToTheForwardedForChainItWasSent() {
        Map<String, String> out = write("10.0.0.7", "http", "shop.example", "203.0.113.1, 198.51.100.2", null);

        assertThat(out).containsEntry("X-Forwarded-For", "203.0.113.1, 198.51.100.2, 10.0.0.7")
                .containsEntry("X-Forwarded-Proto", "http")
                .containsEntry("X-Forwarded-Host", "shop.example")
                .containsEntry("Forwarded", "for=10.0.0.7;proto=http;host=shop.example");
    }

    @Test
    void shouldStartTheChainWhenTheClientSentNone() {
        assertThat(write("10.0.0.7", "https", null, null, null)).containsEntry("X-Forwarded-For", "10.0.0.7")
                .containsEntry("Forwarded", "for=10.0.0.7;proto=https").doesNotContainKey("X-Forwarded-Host");
    }

    @Test
    void shouldQuoteIpv6AndHostWithPortAsRfc7239Requires() {
        Map<String, String> out = write("2001:db8::1", "http", "api.example:8443", null, "for=192.0.2.60");

        assertThat(out).containsEntry("Forwarded",
                "for=192.0.2.60, for=\"[2001:db8::1]\";proto=http;host=\"api.example:8443\"");
    }
}
