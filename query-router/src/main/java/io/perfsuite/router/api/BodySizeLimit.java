package io.perfsuite.router.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.perfsuite.router.problem.ProblemException;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

/**
 * Answers a body declared larger than {@code quarkus.http.limits.max-body-size} with a problem body. Quarkus checks
 * Content-Length in a route of its own (order -2) and answers 413 with no body; this route runs just before it with
 * the same check. A body without a Content-Length (chunked) is cut off while it is read: by {@link QueryRoute} with a
 * problem body, for the other endpoints by Quarkus, with a 413 it ends itself without a body.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Just before Quarkus' own upload limit route. */
    private static final int ORDER = -3;

    private final long limit;
    private final ObjectWriter json;

    BodySizeLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper json) {
        this.limit = limit.asLongValue();
        this.json = json.writer();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && declaredSize(length) > limit) {
                ProblemException tooLarge = ProblemException.field(Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large",
                        "body", "max-size", "the body is " + length.trim() + " bytes; the limit is " + limit
                                + " bytes (quarkus.http.limits.max-body-size)");
                // the rest of the body is not read, so the connection cannot carry another request
                context.response().putHeader("Connection", "close")
                        .endHandler(ignored -> context.request().connection().close());
                ProblemResponses.send(context.response(), json, tooLarge);
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
