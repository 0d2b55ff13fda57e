package io.perfsuite.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.api.problem.ProblemException;

class ApiKeysTest {

    private final ApiKeys keys = new ApiKeys(
            Map.of("ops", Map.entry("ops-secret-0123456789", Set.of("admin")),
                    "ci", Map.entry("ci-secret-0123456789", Set.of("backtest"))),
            Map.of("admin", List.of("write"), "write", List.of("read")), 16);

    @Test
    void shouldPreferApiKeyHeaderOverBearerToken() {
        Map<String, String> headers = Map.of("X-API-Key", " a ", "Authorization", "Bearer b");
        assertThat(ApiKeys.presentedSecret(headers::get)).contains("a");
    }

    @Test
    void shouldIgnoreOtherAuthorizationSchemes() {
        Map<String, String> headers = Map.of("Authorization", "Basic dXNlcjpwdw==");
        assertThat(ApiKeys.presentedSecret(headers::get)).isEmpty();
        assertThat(ApiKeys.presentedSecret(Map.of("Authorization", "Bearer   ")::get)).isEmpty();
    }

    @Test
    void shouldExpandImpliedRolesTransitively() {
        assertThat(keys.authenticate("ops-secret-0123456789")).get()
                .satisfies(identity -> assertThat(identity.roles()).containsExactlyInAnyOrder("admin", "write", "read"));
        assertThat(keys.authenticate("ci-secret-0123456789")).get()
                .satisfies(identity -> assertThat(identity.roles()).containsExactly("backtest"));
    }

    @Test
    void shouldNotMatchAPrefixOfASecret() {
        assertThat(keys.authenticate("ops-secret")).isEmpty();
        assertThat(keys.authenticate("ops-secret-0123456789x")).isEmpty();
    }

    @Test
    void shouldRefuseWith401Or403() {
        assertThatThrownBy(() -> keys.require(name -> null, "read")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.status()).isEqualTo(401));
        assertThatThrownBy(() -> keys.require(Map.of("X-API-Key", "ci-secret-0123456789")::get, "read"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.problem().detail()).contains("read");
                });
        assertThat(keys.require(Map.of("X-API-Key", "ops-secret-0123456789")::get, "read").name()).isEqualTo("ops");
    }

    @Test
    void shouldRejectShortOrBlankSecretsAtStartUp() {
        assertThatThrownBy(() -> new ApiKeys(Map.of("weak", Map.entry("short", Set.of("admin"))), Map.of(), 16))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("perfsuite.auth.api-keys.weak.secret")
                .hasMessageContaining("at least 16");
        assertThatThrownBy(() -> new ApiKeys(Map.of("empty", Map.entry(" ", Set.of("admin"))), Map.of(), 16))
                .hasMessageContaining("must not be blank");
    }

    @Test
    void shouldNeverPrintTheSecretOfAnAuthenticationRequest() {
        assertThat(new ApiKeyAuthenticationRequest("ops-secret-0123456789").toString())
                .doesNotContain("ops-secret");
    }
}
