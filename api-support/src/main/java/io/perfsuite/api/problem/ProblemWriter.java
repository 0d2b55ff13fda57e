package io.perfsuite.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Writes problem bodies from handlers outside Jakarta REST (Vert.x routes, the management interface, a proxy). */
public final class ProblemWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProblemWriter() {
    }

    public static Future<Void> write(HttpServerResponse response, ProblemException e) {
        e.headers().forEach(response::putHeader);
        return write(response, e.problem());
    }

    public static Future<Void> write(HttpServerResponse response, Problem problem) {
        if (response.headWritten()) {
            // too late for a status: the client sees the connection end instead of a half-written body
            return response.reset() ? Future.succeededFuture() : Future.failedFuture("response already ended");
        }
        return response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
                .end(toJson(problem));
    }

    public static String toJson(Problem problem) {
        try {
            return JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            // a record of strings and numbers always serialises; keep the answer a problem regardless
            return "{\"type\":\"about:blank\",\"status\":" + problem.status() + "}";
        }
    }
}
