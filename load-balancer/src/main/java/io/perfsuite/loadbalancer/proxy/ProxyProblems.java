package io.perfsuite.loadbalancer.proxy;

import io.perfsuite.api.problem.Problem;
import io.perfsuite.api.problem.ProblemWriter;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

/** The proxy's own answers (no route, no backend, 502, 504, bad framing) as RFC 9457 problem bodies. */
final class ProxyProblems {

    private ProxyProblems() {
    }

    static void send(HttpServerRequest request, int status, String detail, String field, String rule) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return;
        }
        ProblemWriter.write(response, field == null
                ? Problem.of(status, detail)
                : Problem.forField(status, field, rule,
                        detail));
    }
}
