package io.perfsuite.monitor.notification.api;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import io.perfsuite.api.problem.Problem;
import io.perfsuite.api.problem.ProblemException;
import io.perfsuite.monitor.notification.LabelMatcher;
import io.perfsuite.monitor.notification.Silence;
import io.perfsuite.monitor.notification.delivery.SilenceStore;
import io.smallrye.common.annotation.Blocking;

/** Silences, in Alertmanager's API v2 shape: matchers with {@code isRegex}/{@code isEqual}, a time range, a comment. */
@Path("/v1/silences")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class SilencesResource {

    private static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]*$");

    private final SilenceStore store;
    private final Clock clock;

    SilencesResource(SilenceStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public record MatcherInput(String name, String value, Boolean isRegex, Boolean isEqual) {
    }

    public record SilenceInput(List<MatcherInput> matchers, Instant startsAt, Instant endsAt, String createdBy,
            String comment) {
    }

    public record MatcherView(String name, String value, boolean isRegex, boolean isEqual) {
    }

    public record SilenceView(String id, List<MatcherView> matchers, Instant startsAt, Instant endsAt, String createdBy,
            String comment, String status) {
    }

    public record Created(String silenceID) {
    }

    @GET
    public List<SilenceView> list() {
        Instant now = clock.instant();
        return redis(store::all).stream().map(s -> view(s, now)).toList();
    }

    @GET
    @Path("{id}")
    public SilenceView get(@PathParam("id") String id) {
        return view(redis(() -> store.get(id)).orElseThrow(() -> notFound(id)), clock.instant());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Response create(SilenceInput input, @Context SecurityContext security) {
        Instant now = clock.instant();
        List<Problem.FieldError> errors = new ArrayList<>();
        if (input == null) {
            throw ProblemException.forField(400, "body", "required", "a silence body is required");
        }
        List<LabelMatcher> matchers = new ArrayList<>();
        if (input.matchers() == null || input.matchers().isEmpty()) {
            errors.add(new Problem.FieldError("matchers", "notEmpty", "at least one matcher is required"));
        } else {
            for (int i = 0; i < input.matchers().size(); i++) {
                matcher(input.matchers().get(i), "matchers[" + i + "]", errors, matchers);
            }
            if (errors.isEmpty() && matchers.stream().allMatch(m -> m.matches(java.util.Map.of()))) {
                errors.add(new Problem.FieldError("matchers", "matchesEverything",
                        "the matchers match every alert (e.g. only empty values or .*); name a label value to silence"));
            }
        }
        Instant startsAt = input.startsAt() == null || input.startsAt().isBefore(now) ? now : input.startsAt();
        if (input.endsAt() == null) {
            errors.add(new Problem.FieldError("endsAt", "required", "endsAt is required"));
        } else if (!input.endsAt().isAfter(startsAt)) {
            errors.add(new Problem.FieldError("endsAt", "afterStartsAt", "endsAt must be after startsAt and in the future"));
        }
        if (input.comment() != null && input.comment().length() > 1000) {
            errors.add(new Problem.FieldError("comment", "maxLength", "comment must be at most 1000 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.forFields(400, errors));
        }
        String createdBy = input.createdBy() == null || input.createdBy().isBlank()
                ? security.getUserPrincipal().getName()
                : input.createdBy();
        Silence silence = new Silence(UUID.randomUUID().toString(), matchers, startsAt, input.endsAt(), createdBy,
                input.comment() == null ? "" : input.comment());
        redis(() -> {
            store.put(silence);
            return silence;
        });
        return Response.created(URI.create("/v1/silences/" + silence.id())).entity(new Created(silence.id())).build();
    }

    /** Expires the silence now (kept, as Alertmanager keeps expired silences); a second call changes nothing. */
    @DELETE
    @Path("{id}")
    @RolesAllowed("admin")
    public Response expire(@PathParam("id") String id) {
        Silence silence = redis(() -> store.get(id)).orElseThrow(() -> notFound(id));
        Instant now = clock.instant();
        if (silence.endsAt().isAfter(now)) {
            Instant startsAt = silence.startsAt().isAfter(now) ? now : silence.startsAt();
            Silence expired = new Silence(silence.id(), silence.matchers(), startsAt, now, silence.createdBy(),
                    silence.comment());
            redis(() -> {
                store.put(expired);
                return expired;
            });
        }
        return Response.noContent().build();
    }

    private static void matcher(MatcherInput input, String field, List<Problem.FieldError> errors,
            List<LabelMatcher> out) {
        if (input == null) {
            errors.add(new Problem.FieldError(field, "required", "a matcher is required"));
            return;
        }
        if (input.name() == null || !LABEL_NAME.matcher(input.name()).matches()) {
            errors.add(new Problem.FieldError(field + ".name", "labelName",
                    "name must be a label name ([a-zA-Z_][a-zA-Z0-9_]*)"));
            return;
        }
        if (input.value() == null) {
            errors.add(new Problem.FieldError(field + ".value", "required", "value is required"));
            return;
        }
        boolean regex = Boolean.TRUE.equals(input.isRegex());
        boolean equal = input.isEqual() == null || input.isEqual();
        LabelMatcher.Op op = regex
                ? (equal ? LabelMatcher.Op.REGEX : LabelMatcher.Op.NOT_REGEX)
                : (equal ? LabelMatcher.Op.EQUAL : LabelMatcher.Op.NOT_EQUAL);
        try {
            out.add(new LabelMatcher(input.name(), op, input.value()));
        } catch (PatternSyntaxException e) {
            errors.add(
                    new Problem.FieldError(field + ".value", "regex", "not a valid regular expression: " + e.getDescription()));
        }
    }

    /** Silences live in Redis: while it is unreachable the caller gets a 503 to retry, not a 500. */
    private static <T> T redis(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProblemException(503, "silences are stored in Redis, which is unavailable: " + e.getMessage())
                    .withHeader("Retry-After", "2");
        }
    }

    private static ProblemException notFound(String id) {
        return ProblemException.forField(404, "id", "exists", "no silence with id " + id);
    }

    private static SilenceView view(Silence s, Instant now) {
        List<MatcherView> matchers = s.matchers().stream().map(m -> new MatcherView(m.name(), m.value(),
                m.op() == LabelMatcher.Op.REGEX || m.op() == LabelMatcher.Op.NOT_REGEX,
                m.op() == LabelMatcher.Op.EQUAL || m.op() == LabelMatcher.Op.REGEX)).toList();
        return new SilenceView(s.id(), matchers, s.startsAt(), s.endsAt(), s.createdBy(), s.comment(), s.state(now));
    }
}
