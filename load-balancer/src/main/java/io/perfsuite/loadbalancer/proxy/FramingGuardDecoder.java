package io.perfsuite.loadbalancer.proxy;

import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

/**
 * Vert.x's request decoder, except that a request with both Content-Length and Transfer-Encoding is marked instead
 * of silently "repaired". Netty drops the Content-Length and carries on, which hides exactly the ambiguity a
 * smuggling attempt relies on; the proxy wants to see it and refuse the request.
 */
final class FramingGuardDecoder extends VertxHttpRequestDecoder {

    FramingGuardDecoder(HttpServerOptions options) {
        super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        message.headers().set(RequestFraming.CONFLICT_MARKER, "1");
        super.handleTransferEncodingChunkedWithContentLength(message);
    }
}
