package io.perfsuite.router.api;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.perfsuite.api.problem.Problem;
import io.perfsuite.api.problem.ProblemException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Problem bodies for the handlers on the Vert.x router, the same as the Jakarta REST mappers send. */
final class ProblemResponses {

    private static final String PROBLEM_TYPE = Problem.MEDIA_TYPE.toString();

    private ProblemResponses() {
    }

    static void send(HttpServerResponse response, ObjectWriter json, ProblemException e) {
        if (response.ended()) {
            return;
        }
        byte[] body;
        try {
            body = json.writeValueAsBytes(e.problem());
        } catch (JsonProcessingException impossible) {
            body = ("{\"status\":" + e.problem().status() + "}").getBytes(StandardCharsets.UTF_8);
        }
        // headers() carries Retry-After for the router's own problems, WWW-Authenticate for the suite's 401
        e.headers().forEach(response::putHeader);
        response.setStatusCode(e.problem().status()).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_TYPE)
                .end(Buffer.buffer(body));
    }
}
