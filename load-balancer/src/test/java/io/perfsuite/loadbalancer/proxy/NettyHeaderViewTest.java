package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.vertx.core.http.impl.headers.HeadersAdaptor;

class NettyHeaderViewTest {

    @Test
    void shouldReachTheNettyMapBehindAClientResponsesHeaders() {
        // a Vert.x upgrade that renames the field would silently put every response on the slow String path
        HttpHeaders netty = new DefaultHttpHeaders().add(AsciiString.of("x-name"), "v");

        assertThat(NettyHeaderView.netty(new HeadersAdaptor(netty))).isSameAs(netty);
    }

    @Test
    void shouldWalkTheDecodersOwnNamesInOrder() {
        AsciiString name = AsciiString.of("x-first");
        HttpHeaders netty = new DefaultHttpHeaders().add(name, "1").add("x-second", "2").add(name, "3");

        List<Map.Entry<CharSequence, CharSequence>> fields = new ArrayList<>();
        NettyHeaderView.fields(new HeadersAdaptor(netty)).forEach(fields::add);

        assertThat(fields).extracting(e -> e.getKey().toString() + "=" + e.getValue())
                .containsExactly("x-first=1", "x-second=2", "x-first=3");
        assertThat(fields.get(0).getKey()).isSameAs(name);
    }
}
