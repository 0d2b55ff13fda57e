package io.perfsuite.api.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body: what every error of every perfsuite service looks like on the wire.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title the status's reason phrase
 * @param field the request field at fault, when one is
 * @param rule the rule that field broke ({@code required}, {@code max}, {@code type}, {@code role}...)
 * @param errors every rejected field when there is more than one
 * @param extensions service-specific members (RFC 9457 section 3.2), written beside the standard ones
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String field, String rule,
        List<FieldError> errors, @JsonIgnore Map<String, Object> extensions) {

    public static final String CONTENT_TYPE = "application/problem+json";
    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    /** One rejected input: which field, which rule it broke, and what was wrong. */
    public record FieldError(String field, String rule, String message) {
    }

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(int status, String detail) {
        return new Problem("about:blank", reasonPhrase(status), status, detail, null, null, List.of(), Map.of());
    }

    public static Problem forField(int status, String field, String rule, String detail) {
        return new Problem("about:blank", reasonPhrase(status), status, detail, field, rule,
                List.of(new FieldError(field, rule, detail)), Map.of());
    }

    /** Several rejected fields at once; the first one is named at the top level too. */
    public static Problem forFields(int status, List<FieldError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a field problem needs at least one field error");
        }
        FieldError first = errors.get(0);
        String detail = errors.size() == 1
                ? first.field() + ": " + first.message()
                : first.field() + ": " + first.message() + " (and " + (errors.size() - 1) + " more)";
        return new Problem("about:blank", reasonPhrase(status), status, detail, first.field(), first.rule(), errors,
                Map.of());
    }

    /** This problem with one more extension member, e.g. PostgreSQL's {@code sqlState}. */
    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, title, status, detail, field, rule, errors, more);
    }

    @JsonAnyGetter
    Map<String, Object> members() {
        return extensions;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    static String reasonPhrase(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        if (known != null) {
            return known.getReasonPhrase();
        }
        return switch (status) {
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 502 -> "Bad Gateway";
            case 504 -> "Gateway Timeout";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }
}
