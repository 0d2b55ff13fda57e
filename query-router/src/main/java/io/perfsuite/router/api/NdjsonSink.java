package io.perfsuite.router.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import io.perfsuite.api.problem.Problem;
import io.perfsuite.router.query.QueryResult;
import io.perfsuite.router.query.RowSink;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * A streamed read as NDJSON: a header line ({@code columns, routedTo, reason, consistencyToken}), one JSON array
 * per row, and a last line, {@code {"end": {"rowCount", "durationMs"}}} or, for a failure after the first line,
 * {@code {"error": <problem>}}. A client that did not get an end line did not get the whole result.
 */
final class NdjsonSink implements RowSink {

    static final String MEDIA_TYPE = "application/x-ndjson";

    private final HttpServerResponse response;
    private final JsonFactory factory;
    private volatile boolean started;
    private volatile boolean gone;

    NdjsonSink(HttpServerResponse response, JsonFactory factory) {
        this.response = response;
        this.factory = factory;
        response.closeHandler(ignored -> gone = true);
    }

    @Override
    public void start(List<QueryResult.Column> columns, String node, String reason, String consistencyToken) {
        started = true;
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, MEDIA_TYPE);
        write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("columns");
            for (QueryResult.Column column : columns) {
                json.writeStartObject();
                json.writeStringField("name", column.name());
                json.writeStringField("type", column.type());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("routedTo", node);
            json.writeStringField("reason", reason);
            if (consistencyToken != null) {
                json.writeStringField("consistencyToken", consistencyToken);
            }
            json.writeBooleanField("cached", false);
            json.writeEndObject();
        });
    }

    @Override
    public Future<Void> rows(List<List<Object>> batch) {
        if (batch.isEmpty()) {
            return Future.succeededFuture();
        }
        write(json -> {
            for (List<Object> row : batch) {
                json.writeStartArray();
                for (Object value : row) {
                    json.writeObject(value);
                }
                json.writeEndArray();
                json.writeRaw('\n');
            }
        }, false);
        if (!response.writeQueueFull()) {
            return Future.succeededFuture();
        }
        Promise<Void> drained = Promise.promise();
        response.drainHandler(ignored -> drained.tryComplete());
        response.closeHandler(ignored -> {
            gone = true;
            drained.tryComplete();
        });
        return drained.future();
    }

    void end(long rowCount, long durationMs) {
        write(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("end");
            json.writeNumberField("rowCount", rowCount);
            json.writeNumberField("durationMs", durationMs);
            json.writeEndObject();
            json.writeEndObject();
        });
        response.end();
    }

    void fail(Problem problem) {
        write(json -> {
            json.writeStartObject();
            json.writeFieldName("error");
            json.writeObject(problem);
            json.writeEndObject();
        });
        response.end();
    }

    @Override
    public boolean started() {
        return started;
    }

    @Override
    public boolean cancelled() {
        return gone;
    }

    private interface Lines {
        void to(JsonGenerator json) throws IOException;
    }

    private void write(Lines lines) {
        write(lines, true);
    }

    private void write(Lines lines, boolean newline) {
        if (gone || response.ended()) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = factory.createGenerator(out)) {
            // rows are root-level values separated by the newlines written here, not by Jackson's space
            json.setRootValueSeparator(null);
            lines.to(json);
            if (newline) {
                json.writeRaw('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        response.write(Buffer.buffer(out.toByteArray()));
    }
}
