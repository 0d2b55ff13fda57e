package io.perfsuite.router.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.perfsuite.api.auth.ApiKeys;
import io.perfsuite.router.config.RouterConfig.Role;
import io.perfsuite.router.problem.ProblemException;
import io.perfsuite.router.problem.UnreadableJson;
import io.perfsuite.router.query.QueryExecutor;
import io.perfsuite.router.query.QueryResult;
import io.perfsuite.router.query.QueryStreamer;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/query} on the Vert.x router itself.
 * <p>
 * A primary-key read through the router costs about as much CPU as the database spends answering it, and a Jakarta
 * REST invocation (resource lookup, readers and writers, its own Mutiny bridge) was the largest share of the
 * router's own part. Queries are answered here, on the event loop, with the same validation, auth and problem bodies;
 * {@link QueryResource} keeps the other endpoints.
 */
@ApplicationScoped
public class QueryRoute {

    private static final Logger LOG = Logger.getLogger(QueryRoute.class);
    private static final String JSON = "application/json";

    private final QueryExecutor executor;
    private final QueryStreamer streamer;
    private final ApiKeys apiKeys;
    private final ObjectReader requests;
    private final ObjectWriter writer;
    private final JsonFactory factory;
    private final long maxBodyBytes;

    QueryRoute(QueryExecutor executor, QueryStreamer streamer, ApiKeys apiKeys, ObjectMapper json,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.executor = executor;
        this.streamer = streamer;
        this.apiKeys = apiKeys;
        this.requests = json.readerFor(QueryRequest.class);
        this.writer = json.writer();
        this.factory = json.getFactory();
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void register(@Observes Router router) {
        router.post("/v1/query").handler(this::handle);
        router.post("/v1/query/stream").handler(ctx -> readBody(ctx.request(), body -> stream(ctx, body)));
    }

    private void handle(RoutingContext ctx) {
        // the body is read before anything is answered, so a refused request leaves the connection usable
        readBody(ctx.request(), body -> run(ctx, body));
    }

    /** The caller's role and request, once its key, content type and body passed. */
    private record Admitted(Role role, QueryRequest query) {
    }

    /** Checks what /v1/query and /v1/query/stream share; answers the problem itself and returns null on refusal. */
    private Admitted admit(RoutingContext ctx, Buffer body) {
        HttpServerRequest request = ctx.request();
        try {
            Role role = Role.of(apiKeys.require(request::getHeader, Role.READER.wireName()).roles());
            requireJson(request.getHeader(HttpHeaders.CONTENT_TYPE));
            QueryRequest query = body.length() == 0 ? null : requests.readValue(body.getBytes());
            return new Admitted(role, query);
        } catch (io.perfsuite.api.problem.ProblemException e) {
            problem(ctx.response(), e);
        } catch (JsonProcessingException e) {
            problem(ctx.response(), UnreadableJson.problem(e));
        } catch (IOException e) {
            problem(ctx.response(), ProblemException.invalid("body", "json", "the body could not be read"));
        }
        return null;
    }

    private void run(RoutingContext ctx, Buffer body) {
        Admitted admitted = admit(ctx, body);
        if (admitted == null) {
            return;
        }
        Role role = admitted.role();
        QueryRequest query = admitted.query();
        try {
            executor.query(query, role).onComplete(done -> {
                if (done.succeeded()) {
                    respond(ctx.response(), done.result());
                } else {
                    failed(ctx.response(), done.cause());
                }
            });
        } catch (RuntimeException e) {
            failed(ctx.response(), e);
        }
    }

    private void stream(RoutingContext ctx, Buffer body) {
        Admitted admitted = admit(ctx, body);
        if (admitted == null) {
            return;
        }
        Role role = admitted.role();
        QueryRequest query = admitted.query();
        long started = System.nanoTime();
        NdjsonSink sink = new NdjsonSink(ctx.response(), factory);
        try {
            streamer.stream(query, role, sink).onComplete(done -> {
                if (done.succeeded()) {
                    sink.end(done.result(), (System.nanoTime() - started) / 1_000_000);
                } else if (!sink.started()) {
                    failed(ctx.response(), done.cause());
                } else if (done.cause() instanceof io.perfsuite.api.problem.ProblemException problem) {
                    sink.fail(problem.problem());
                } else {
                    LOG.error("stream failed", done.cause());
                    sink.fail(ProblemException.of(Status.INTERNAL_SERVER_ERROR, "internal",
                            "internal error; see the router log").problem());
                }
            });
        } catch (RuntimeException e) {
            failed(ctx.response(), e);
        }
    }

    /** Collects the body up to the configured limit; a chunked body over it is answered 413 as soon as it passes it. */
    private void readBody(HttpServerRequest request, Consumer<Buffer> then) {
        Buffer body = Buffer.buffer();
        boolean[] over = {false};
        request.handler(chunk -> {
            if (over[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxBodyBytes) {
                over[0] = true;
                // the rest of the body is not read, so the connection cannot carry another request
                HttpServerResponse response = request.response().putHeader(HttpHeaders.CONNECTION, "close")
                        .endHandler(ignored -> request.connection().close());
                problem(response, ProblemException.field(Status.REQUEST_ENTITY_TOO_LARGE, "body-too-large", "body",
                        "max-size", "the body is over the limit of " + maxBodyBytes
                                + " bytes (quarkus.http.limits.max-body-size)"));
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ignored -> {
            if (!over[0]) {
                then.accept(body);
            }
        });
        request.exceptionHandler(failure -> LOG.debugf("request body failed: %s", failure.getMessage()));
    }

    private static void requireJson(String contentType) {
        if (contentType == null || !contentType.regionMatches(true, 0, JSON, 0, JSON.length())) {
            throw ProblemException.field(Status.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Content-Type",
                    "json", "send the query as application/json");
        }
    }

    private void respond(HttpServerResponse response, QueryResult result) {
        byte[] bytes;
        try {
            bytes = serialize(result);
        } catch (IOException e) {
            failed(response, e);
            return;
        }
        if (!response.ended()) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(Buffer.buffer(bytes));
        }
    }

    /**
     * The result with a streaming generator: data binding would look up and call each record accessor reflectively,
     * per response. The shape is {@link QueryResult}'s (null fields left out); cell values go through the mapper.
     */
    private byte[] serialize(QueryResult result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = factory.createGenerator(out)) {
            json.writeStartObject();
            if (result.columns() != null) {
                json.writeArrayFieldStart("columns");
                for (QueryResult.Column column : result.columns()) {
                    json.writeStartObject();
                    writeIfPresent(json, "name", column.name());
                    writeIfPresent(json, "type", column.type());
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            if (result.rows() != null) {
                json.writeArrayFieldStart("rows");
                for (List<Object> row : result.rows()) {
                    json.writeStartArray();
                    for (Object value : row) {
                        json.writeObject(value);
                    }
                    json.writeEndArray();
                }
                json.writeEndArray();
            }
            json.writeNumberField("rowCount", result.rowCount());
            writeIfPresent(json, "routedTo", result.routedTo());
            writeIfPresent(json, "reason", result.reason());
            writeIfPresent(json, "consistencyToken", result.consistencyToken());
            json.writeNumberField("durationMs", result.durationMs());
            json.writeBooleanField("cached", result.cached());
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void writeIfPresent(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    private void failed(HttpServerResponse response, Throwable failure) {
        if (failure instanceof io.perfsuite.api.problem.ProblemException problem) {
            problem(response, problem);
            return;
        }
        LOG.error("unhandled failure", failure);
        problem(response, ProblemException.of(Status.INTERNAL_SERVER_ERROR, "internal",
                "internal error; see the router log"));
    }

    private void problem(HttpServerResponse response, io.perfsuite.api.problem.ProblemException e) {
        ProblemResponses.send(response, writer, e);
    }
}
