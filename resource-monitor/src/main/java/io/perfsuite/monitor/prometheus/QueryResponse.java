package io.perfsuite.monitor.prometheus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code /api/v1/query}: the result is kept as JSON since its shape depends on {@code resultType}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueryResponse(String status, Data data, String errorType, String error) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Data(String resultType, JsonNode result) {
    }
}
