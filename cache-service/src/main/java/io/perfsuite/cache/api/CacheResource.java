package io.perfsuite.cache.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.perfsuite.api.problem.ProblemException;
import io.perfsuite.cache.namespace.DurationParser;
import io.perfsuite.cache.namespace.Namespace;
import io.perfsuite.cache.tier.TieredCache;
import io.smallrye.mutiny.Uni;

/**
 * The cache over REST: writes, invalidation and batches (single-key reads are {@link CacheReadRoute}). Keys may contain
 * '/', so the key is the rest of the path.
 */
@Path("/v1/cache")
public class CacheResource {

    static final String DEGRADED_HEADER = "X-Cache-Degraded";

    /** The answer to a write, delete or invalidation Redis did not take; in the OpenAPI document of each. */
    private static final String REFUSED = "Redis is unreachable: nothing was done (a value kept in one replica's L1 "
            + "alone would be undone when Redis comes back); retry after Retry-After seconds";

    private final TieredCache cache;
    private final RequestRules rules;
    private final ReadAccess readAccess;

    CacheResource(TieredCache cache, RequestRules rules, ReadAccess readAccess) {
        this.cache = cache;
        this.rules = rules;
        this.readAccess = readAccess;
    }

    // ------------------------------------------------------------------ single keys

    @PUT
    @RolesAllowed(CacheRoles.WRITE)
    @Path("{namespace}/{key: .+}")
    @Consumes(MediaType.WILDCARD)
    @APIResponse(responseCode = "204", description = "stored in Redis (and, write-through, in this replica's L1)")
    @APIResponse(responseCode = "503", description = REFUSED, headers = @Header(name = "Retry-After", description = "seconds until Redis is tried again", schema = @Schema(type = SchemaType.INTEGER)), content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> put(@PathParam("namespace") String namespace, @PathParam("key") String key,
            @QueryParam("ttl") String ttl, @QueryParam("tags") String tagsParam, @HeaderParam("Cache-Tags") String tagsHeader,
            @Context HttpHeaders headers, byte[] body) {
        Namespace ns = rules.namespace(namespace);
        rules.checkKey("key", key);
        byte[] value = body == null ? new byte[0] : body;
        rules.checkValue("body", value.length);
        Optional<Duration> requested = ttl(ttl);
        Set<String> tags = tags(tagsParam, tagsHeader);
        MediaType type = headers.getMediaType();
        String contentType = type == null ? MediaType.APPLICATION_OCTET_STREAM : type.toString();
        return cache.put(ns, key, value, contentType, requested, tags).map(done -> written(Status.NO_CONTENT));
    }

    @DELETE
    @RolesAllowed(CacheRoles.WRITE)
    @Path("{namespace}/{key: .+}")
    @APIResponse(responseCode = "204", description = "deleted in Redis, so on every replica")
    @APIResponse(responseCode = "503", description = REFUSED, headers = @Header(name = "Retry-After", description = "seconds until Redis is tried again", schema = @Schema(type = SchemaType.INTEGER)), content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> delete(@PathParam("namespace") String namespace, @PathParam("key") String key,
            @Context HttpHeaders headers) {
        Namespace ns = rules.namespace(namespace);
        rules.checkKey("key", key);
        return cache.delete(ns, key).map(done -> written(Status.NO_CONTENT));
    }

    // ------------------------------------------------------------------ invalidation

    public record InvalidateRequest(List<String> tags, String prefix) {
    }

    @POST
    @RolesAllowed(CacheRoles.ADMIN)
    @Path("{namespace}/invalidate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "done in Redis, so effective on every replica")
    @APIResponse(responseCode = "503", description = REFUSED, headers = @Header(name = "Retry-After", description = "seconds until Redis is tried again", schema = @Schema(type = SchemaType.INTEGER)), content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> invalidate(@PathParam("namespace") String namespace, InvalidateRequest request,
            @Context HttpHeaders headers) {
        Namespace ns = rules.namespace(namespace);
        if (request == null) {
            throw ProblemException.invalid("body", "required", "must be {\"tags\":[...]} or {\"prefix\":\"...\"}");
        }
        boolean hasTags = request.tags() != null && !request.tags().isEmpty();
        boolean hasPrefix = request.prefix() != null;
        if (hasTags == hasPrefix) {
            throw ProblemException.invalid("tags", "exactly-one", "give either a non-empty tags list or a prefix");
        }
        if (hasTags) {
            Set<String> tags = tags(String.join(",", request.tags()), null);
            return cache.invalidateTags(ns, tags).map(done -> written(Map.of("tags", tags)));
        }
        if (request.prefix().isEmpty()) {
            throw ProblemException.invalid("prefix", "non-empty", "must not be empty (use DELETE per key to clear)");
        }
        rules.checkKey("prefix", request.prefix());
        return cache.invalidatePrefix(ns, request.prefix())
                .map(done -> written(Map.of("prefix", request.prefix())));
    }

    // ------------------------------------------------------------------ batches

    public record BatchGetRequest(List<String> keys) {
    }

    public record BatchEntry(String key, String value, String contentType, String ttl, List<String> tags) {
    }

    public record BatchSetRequest(List<BatchEntry> entries) {
    }

    /** One result of a batch read; the value is base64 so any bytes survive JSON. */
    public record BatchGetResult(String key, boolean found, String value, String contentType, String etag, String tier) {
    }

    @POST
    @Path("{namespace}/batch-get")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> batchGet(@PathParam("namespace") String namespace, BatchGetRequest request,
            @Context HttpHeaders headers) {
        Namespace ns = rules.namespace(namespace);
        readAccess.require(headers::getHeaderString, ns);
        List<String> keys = request == null || request.keys() == null ? List.of() : request.keys();
        rules.checkBatch("keys", keys.size());
        for (int i = 0; i < keys.size(); i++) {
            rules.checkKey("keys[" + i + "]", keys.get(i));
        }
        List<Uni<BatchGetResult>> reads = new ArrayList<>();
        for (String key : keys) {
            reads.add(cache.get(ns, key, false).map(lookup -> lookup.entry()
                    .map(e -> new BatchGetResult(key, true, Base64.getEncoder().encodeToString(e.value()), e.contentType(),
                            e.etag(), lookup.tier().name()))
                    .orElse(new BatchGetResult(key, false, null, null, null, null))));
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().item(Map.of("results", List.of()));
        }
        return Uni.join().all(reads).andFailFast().map(results -> Map.of("results", results));
    }

    @POST
    @RolesAllowed(CacheRoles.WRITE)
    @Path("{namespace}/batch-set")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "every entry stored in Redis")
    @APIResponse(responseCode = "503", description = REFUSED, headers = @Header(name = "Retry-After", description = "seconds until Redis is tried again", schema = @Schema(type = SchemaType.INTEGER)), content = @Content(mediaType = "application/problem+json"))
    public Uni<Response> batchSet(@PathParam("namespace") String namespace, BatchSetRequest request,
            @Context HttpHeaders headers) {
        Namespace ns = rules.namespace(namespace);
        List<BatchEntry> entries = request == null || request.entries() == null ? List.of() : request.entries();
        rules.checkBatch("entries", entries.size());
        List<Uni<Void>> writes = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            BatchEntry e = entries.get(i);
            String field = "entries[" + i + "]";
            rules.checkKey(field + ".key", e.key());
            if (e.value() == null) {
                throw ProblemException.invalid(field + ".value", "required", "must be a string");
            }
            byte[] value = e.value().getBytes(StandardCharsets.UTF_8);
            rules.checkValue(field + ".value", value.length);
            Optional<Duration> ttl = ttl(field + ".ttl", e.ttl());
            Set<String> tags = tags(e.tags() == null ? null : String.join(",", e.tags()), null);
            String type = e.contentType() == null ? MediaType.TEXT_PLAIN + ";charset=UTF-8" : e.contentType();
            writes.add(cache.put(ns, e.key(), value, type, ttl, tags));
        }
        if (writes.isEmpty()) {
            return Uni.createFrom().item(written(Map.of("written", 0)));
        }
        // one entry Redis did not take refuses the batch (503): the entries it did take are simply written again on retry
        return Uni.join().all(writes).andFailFast().map(done -> written(Map.of("written", done.size())));
    }

    // ------------------------------------------------------------------ answers

    private static Response written(Status status) {
        return Response.status(status).build();
    }

    /**
     * A 200 with its JSON body. {@code degraded} is always false: a write, delete or invalidation Redis did not take is
     * refused (503), never acknowledged from L1 alone. Kept in the body for clients that read it.
     */
    private static Response written(Map<String, Object> body) {
        Map<String, Object> entity = new LinkedHashMap<>(body);
        entity.put("degraded", false);
        return Response.ok(entity, MediaType.APPLICATION_JSON).build();
    }

    // ------------------------------------------------------------------ input rules

    private static Optional<Duration> ttl(String text) {
        return ttl("ttl", text);
    }

    private static Optional<Duration> ttl(String field, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DurationParser.parse(field, text.trim()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "duration", e.getMessage());
        }
    }

    private static Set<String> tags(String param, String header) {
        Set<String> tags = new LinkedHashSet<>();
        for (String source : new String[]{param, header}) {
            if (source == null) {
                continue;
            }
            for (String tag : source.split(",")) {
                String t = tag.trim();
                if (t.isEmpty()) {
                    continue;
                }
                if (t.length() > 128 || t.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                    throw ProblemException.invalid("tags", "token", "'" + t + "' must be 1-128 visible ASCII characters");
                }
                tags.add(t);
            }
        }
        return tags;
    }
}
