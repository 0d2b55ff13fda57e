package io.perfsuite.monitor.anomaly.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.perfsuite.api.problem.Problem;
import io.perfsuite.api.problem.ProblemException;
import io.perfsuite.monitor.anomaly.AnomalyConfig;
import io.perfsuite.monitor.anomaly.detection.AnomalyDetector;
import io.perfsuite.monitor.anomaly.detection.DetectorKind;
import io.perfsuite.monitor.anomaly.detection.Sensitivity;
import io.smallrye.common.annotation.Blocking;

/**
 * Scores a whole series the way a stream would see it: points in order, each scored from the points before it. It
 * reads and changes nothing on the server, so it needs no key; its cost is bounded by
 * {@code monitor.anomaly.max-points}.
 */
@Path("/v1/anomalies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
public class AnomalyResource {

    // Problem bodies list at most this many field errors: a million bad points need not answer a million errors.
    private static final int MAX_ERRORS = 20;

    private final AnomalyConfig config;

    AnomalyResource(AnomalyConfig config) {
        this.config = config;
    }

    @POST
    @Path("/detect")
    @Blocking
    public DetectResponse detect(DetectRequest request) {
        validate(request);
        double sensitivity = request.sensitivity() == null ? Sensitivity.DEFAULT : request.sensitivity();
        double threshold = Sensitivity.threshold(sensitivity);
        DetectorKind kind = request.detector() == null
                ? DetectorKind.CONTEXT
                : DetectorKind.byId(request.detector()).orElseThrow();
        AnomalyDetector detector = kind.create(config.settings());
        List<DetectResponse.Point> points = new ArrayList<>(request.series().size());
        for (DetectRequest.Point p : request.series()) {
            double score = detector.score(p.timestamp(), p.value());
            points.add(new DetectResponse.Point(p.timestamp(), score, score >= threshold));
        }
        return new DetectResponse(kind.id(), sensitivity, threshold, points);
    }

    private void validate(DetectRequest request) {
        if (request == null) {
            throw ProblemException.forField(400, "body", "required",
                    "a JSON body {\"series\":[{\"timestamp\",\"value\"}],\"sensitivity\"} is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.sensitivity() != null && !(request.sensitivity() >= 0.0 && request.sensitivity() <= 1.0)) {
            errors.add(new Problem.FieldError("sensitivity", "range", "must be between 0 and 1"));
        }
        if (request.detector() != null && DetectorKind.byId(request.detector()).isEmpty()) {
            errors.add(new Problem.FieldError("detector", "oneOf", "must be one of "
                    + Arrays.stream(DetectorKind.values()).map(DetectorKind::id).collect(Collectors.joining(", "))));
        }
        List<DetectRequest.Point> series = request.series();
        if (series == null) {
            errors.add(new Problem.FieldError("series", "required", "must be a list of {timestamp, value} points"));
        } else if (series.isEmpty()) {
            errors.add(new Problem.FieldError("series", "notEmpty", "must hold at least one point"));
        } else if (series.size() > config.maxPoints()) {
            errors.add(new Problem.FieldError("series", "maxPoints",
                    "holds " + series.size() + " points; at most " + config.maxPoints() + " per request"));
        } else {
            Instant previous = null;
            for (int i = 0; i < series.size() && errors.size() < MAX_ERRORS; i++) {
                DetectRequest.Point p = series.get(i);
                String at = "series[" + i + "]";
                if (p == null) {
                    errors.add(new Problem.FieldError(at, "required", "must be a {timestamp, value} point"));
                    continue;
                }
                if (p.timestamp() == null) {
                    errors.add(new Problem.FieldError(at + ".timestamp", "required", "must be an instant"));
                } else {
                    if (previous != null && !p.timestamp().isAfter(previous)) {
                        errors.add(new Problem.FieldError(at + ".timestamp", "increasing",
                                "must be after series[" + (i - 1) + "].timestamp (" + previous + ")"));
                    }
                    previous = p.timestamp();
                }
                if (p.value() == null) {
                    errors.add(new Problem.FieldError(at + ".value", "required", "must be a number"));
                } else if (!Double.isFinite(p.value())) {
                    errors.add(new Problem.FieldError(at + ".value", "finite", "must be a finite number, was " + p.value()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.forFields(400, errors));
        }
    }
}
