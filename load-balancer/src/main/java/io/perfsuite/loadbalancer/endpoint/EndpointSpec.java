package io.perfsuite.loadbalancer.endpoint;

import java.net.URI;
import java.util.Objects;

/**
 * What configuration or discovery says about one backend. The id is what survives a reload: an endpoint whose id is
 * still listed keeps its live state (EWMA, ejections, slow start).
 *
 * @param weight relative share of traffic, 0 takes the endpoint out of rotation without removing it
 */
public record EndpointSpec(String id, URI uri, int weight) {

    public static final int DEFAULT_WEIGHT = 1;

    public EndpointSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(uri, "uri");
        if (id.isBlank()) {
            throw new IllegalArgumentException("endpoint id must not be blank");
        }
        requireValidWeight(weight);
    }

    /** An endpoint identified by its URI's authority, the usual case for a static list or discovered addresses. */
    public static EndpointSpec of(URI uri) {
        return new EndpointSpec(uri.getAuthority(), uri, DEFAULT_WEIGHT);
    }

    public static EndpointSpec of(String uri, int weight) {
        URI parsed = URI.create(uri);
        return new EndpointSpec(parsed.getAuthority(), parsed, weight);
    }

    static void requireValidWeight(int weight) {
        if (weight < 0 || weight > 1_000_000) {
            throw new IllegalArgumentException("weight must be between 0 and 1000000, was " + weight);
        }
    }
}
