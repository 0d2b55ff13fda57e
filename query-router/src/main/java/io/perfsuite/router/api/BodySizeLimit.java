package io.perfsuite.router.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsuite.router.problem.Problem;
import io.perfsuite.router.problem.ProblemException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

/**
 * Answers a body declared larger than {@code quarkus.http.limits.max-body-size} with a problem body. Quarkus checks
 * Content-Length in a route of its own (order -2) and answers 413 with no body; this route runs just before it with
 * the same check. A body without a Content-Length (chunked) is cut off by Quarkus while it is read, with a 413 that
 * Quarkus ends itself, without a body: clients that declare their length get the problem body.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Just before Quarkus' own upload limit route. */
    private static final int ORDER = -3;

    private final long limit;
    private final ObjectMapper json;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper json) {
        this.limit = limit.asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && declaredSize(length) > limit) {
                Problem problem = ProblemException.field(Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large", "body",
                        "max-size", "the body is " + length.trim() + " bytes; the limit is " + limit
                                + " bytes (quarkus.http.limits.max-body-size)")
                        .problem();
                String body;
                try {
                    body = json.writeValueAsString(problem);
                } catch (JsonProcessingException e) {
                    body = "{\"status\":413}";
                }
                // the rest of the body is not read, so the connection cannot carry another request
                context.response().putHeader("Connection", "close")
                        .putHeader("Content-Type", Problem.MEDIA_TYPE.toString())
                        .setStatusCode(413)
                        .endHandler(ignored -> context.request().connection().close())
                        .end(body);
                return;
            }
            context.next();
        });
    }

    private static long declaredSize(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
