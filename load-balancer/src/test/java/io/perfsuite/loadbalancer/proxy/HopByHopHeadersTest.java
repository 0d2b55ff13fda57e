package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class HopByHopHeadersTest {

    private static List<Map.Entry<String, String>> fields(String... nameValues) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            fields.add(new SimpleEntry<>(nameValues[i], nameValues[i + 1]));
        }
        return fields;
    }

    private static List<String> forwarded(List<Map.Entry<String, String>> fields, boolean keepUpgrade) {
        List<String> out = new ArrayList<>();
        HopByHopHeaders.forEachEndToEnd(fields, keepUpgrade, (name, value) -> out.add(name + ": " + value));
        return out;
    }

    @Test
    void shouldDropTheFixedHopByHopFieldsWhateverTheirCase() {
        List<String> out = forwarded(fields("KEEP-ALIVE", "timeout=5", "Proxy-Authorization", "Basic x",
                "proxy-authenticate", "Basic", "TE", "trailers", "Trailer", "Expires", "Transfer-Encoding", "chunked",
                "Upgrade", "h2c", "Proxy-Connection", "keep-alive", "Accept", "*/*"), false);

        assertThat(out).containsExactly("Accept: */*");
    }

    @Test
    void shouldDropEveryFieldTheConnectionHeaderNames() {
        List<String> out = forwarded(fields("Connection", "close, X-Secret-Hop", "connection", " x-other ,",
                "X-Secret-Hop", "1", "X-Other", "2", "X-End-To-End", "3"), false);

        assertThat(out).containsExactly("X-End-To-End: 3");
    }

    @Test
    void shouldKeepUpgradeAndConnectionUpgradeOnlyForAPassedThroughUpgrade() {
        List<Map.Entry<String, String>> upgrade = fields("Connection", "Upgrade, HTTP2-Settings", "Upgrade",
                "websocket", "HTTP2-Settings", "AAA", "Sec-WebSocket-Key", "k");

        assertThat(forwarded(upgrade, true)).containsExactly("Upgrade: websocket", "Sec-WebSocket-Key: k",
                "Connection: upgrade");
        assertThat(forwarded(upgrade, false)).containsExactly("Sec-WebSocket-Key: k");
    }

    @Test
    void shouldKeepEndToEndFieldsInOrderWithRepeats() {
        List<String> out = forwarded(fields("Set-Cookie", "a=1", "Content-Length", "2", "Set-Cookie", "b=2"), false);

        assertThat(out).containsExactly("Set-Cookie: a=1", "Content-Length: 2", "Set-Cookie: b=2");
    }

    @Test
    void shouldDropWhatTheLookedUpConnectionValuesNameInOnePass() {
        // the proxy looks Connection up in the header map and hands its values over; the walk then only filters
        List<String> out = new ArrayList<>();
        HopByHopHeaders.forEachEndToEnd(fields("Connection", "close, X-Secret-Hop", "X-Secret-Hop", "1", "Accept",
                "*/*"), List.of("close, X-Secret-Hop"), false, (name, value) -> out.add(name + ": " + value));

        assertThat(out).containsExactly("Accept: */*");
    }
}
