package io.perfsuite.router.problem;

import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A body Jackson could not read, for {@code POST /v1/query} on the Vert.x router (Jakarta REST endpoints get the
 * suite's mapper): the field when the JSON was valid but a value did not fit.
 */
public final class UnreadableJson {

    private UnreadableJson() {
    }

    public static ProblemException problem(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return ProblemException.invalid(field, "type", field + " has the wrong type: " + e.getOriginalMessage());
        }
        return ProblemException.invalid("body", "json", "the body is not valid JSON: " + e.getOriginalMessage());
    }
}
