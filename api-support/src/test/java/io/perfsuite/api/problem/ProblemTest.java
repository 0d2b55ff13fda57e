package io.perfsuite.api.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void shouldWriteExtensionMembersBesideTheStandardOnes() {
        String json = ProblemWriter.toJson(Problem.forField(422, "sql", "max-rows", "too many rows")
                .with("consistencyToken", "1/0/16B3D40"));
        assertThat(json).contains("\"status\":422", "\"field\":\"sql\"", "\"rule\":\"max-rows\"",
                "\"consistencyToken\":\"1/0/16B3D40\"", "\"title\":\"Unprocessable Content\"")
                .doesNotContain("extensions");
    }

    @Test
    void shouldLeaveOutEmptyMembers() {
        String json = ProblemWriter.toJson(Problem.of(404, "no such pool"));
        assertThat(json).isEqualTo(
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no such pool\"}");
    }

    @Test
    void shouldNameTheFirstOfSeveralFieldsAtTheTop() {
        Problem problem = Problem.forFields(400, List.of(new Problem.FieldError("min", "positive", "must be > 0"),
                new Problem.FieldError("max", "min", "must be >= min")));
        assertThat(problem.field()).isEqualTo("min");
        assertThat(problem.rule()).isEqualTo("positive");
        assertThat(problem.detail()).isEqualTo("min: must be > 0 (and 1 more)");
    }

    @Test
    void shouldKeepHeadersThroughCopies() {
        ProblemException e = new ProblemException(503, "Redis is unreachable").withHeader("Retry-After", "1")
                .with("degraded", true);
        assertThat(e.headers()).containsEntry("Retry-After", "1");
        assertThat(e.problem().extensions()).containsEntry("degraded", true);
        assertThat(e.toResponse().getHeaderString("Retry-After")).isEqualTo("1");
    }
}
