package io.perfsuite.loadbalancer.proxy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Map;

import io.netty.handler.codec.http.HttpHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.http.impl.headers.HeadersAdaptor;

/**
 * The Netty header map behind a Vert.x {@link MultiMap}, walked as the {@code CharSequence}s the decoder made. Going
 * through the MultiMap turns every name and value into a new String, and each String name is hashed again when it
 * is added to the next map; a decoder's {@code AsciiString} name carries its hash along. Server-side maps are Netty
 * maps already; a client response's map is a {@link HeadersAdaptor}, whose Netty map is read through a field handle
 * (Vert.x has no accessor for it). Anything else falls back to the MultiMap itself.
 */
final class NettyHeaderView {

    private static final VarHandle ADAPTED = adaptedField();

    private NettyHeaderView() {
    }

    /** The fields of {@code headers} as name/value {@code CharSequence}s, in order. */
    static Iterable<Map.Entry<CharSequence, CharSequence>> fields(MultiMap headers) {
        HttpHeaders netty = netty(headers);
        if (netty != null) {
            return netty::iteratorCharSequence;
        }
        return () -> new Iterator<>() {
            private final Iterator<Map.Entry<String, String>> strings = headers.iterator();

            @Override
            public boolean hasNext() {
                return strings.hasNext();
            }

            @Override
            public Map.Entry<CharSequence, CharSequence> next() {
                Map.Entry<String, String> field = strings.next();
                return Map.entry(field.getKey(), field.getValue());
            }
        };
    }

    static HttpHeaders netty(MultiMap headers) {
        if (headers instanceof HttpHeaders netty) {
            return netty;
        }
        if (ADAPTED != null && headers instanceof HeadersAdaptor) {
            return (HttpHeaders) ADAPTED.get(headers);
        }
        return null;
    }

    private static VarHandle adaptedField() {
        try {
            return MethodHandles.privateLookupIn(HeadersAdaptor.class, MethodHandles.lookup())
                    .findVarHandle(HeadersAdaptor.class, "headers", HttpHeaders.class);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another Vert.x layout: the String path still works, only slower
            return null;
        }
    }
}
