package io.perfsuite.autoscaler.web;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.perfsuite.api.problem.ProblemException;
import io.perfsuite.autoscaler.decision.ScalingDecision;
import io.perfsuite.autoscaler.evaluation.PolicyEvaluations;
import io.perfsuite.autoscaler.evaluation.PolicyKey;

/** Recent decisions of a policy (cluster or local), oldest first, each with its inputs and reason. */
@Path("/v1/policies/{namespace}/{name}/decisions")
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final PolicyEvaluations evaluations;

    DecisionResource(PolicyEvaluations evaluations) {
        this.evaluations = evaluations;
    }

    @GET
    public List<ScalingDecision> decisions(@PathParam("namespace") String namespace, @PathParam("name") String name) {
        PolicyKey key = new PolicyKey(namespace, name);
        return evaluations.decisions(key).orElseThrow(() -> new ProblemException(404,
                "no decisions for policy " + key + ": unknown, invalid, or not evaluated yet"));
    }
}
