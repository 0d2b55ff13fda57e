package io.perfsuite.router.problem;

import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem body, what every error of the router looks like on the wire.
 *
 * @param field the request field at fault, when one is
 * @param rule the rule it broke ({@code required}, {@code max}, {@code read-only}, {@code stateless}...)
 * @param sqlState PostgreSQL's SQLSTATE when the database refused the statement
 * @param consistencyToken the token of a write that committed although the request failed afterwards
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String field, String rule, String sqlState,
        String consistencyToken) {

    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");
}
