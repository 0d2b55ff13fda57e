package io.perfsuite.cache.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void shouldRemoveUserAndPasswordFromAUri() {
        assertThat(Redaction.redact("redis://cache:hunter2@10.0.0.7:6379/0")).isEqualTo("redis://***@10.0.0.7:6379/0");
    }

    @Test
    void shouldRemoveAPasswordGivenWithoutAUser() {
        assertThat(Redaction.redact("rediss://:hunter2@redis.internal:6380")).isEqualTo("rediss://***@redis.internal:6380");
    }

    @Test
    void shouldLeaveAUriWithoutUserinfoUnchanged() {
        String uri = "redis://127.0.0.1:6380";

        assertThat(Redaction.redact(uri)).isEqualTo(uri);
        assertThat(Redaction.redact("no uri here")).isEqualTo("no uri here");
    }

    @Test
    void shouldRedactEveryUriInAFreeTextMessage() {
        String message = "masters changed from [redis://u:p1@a:1, redis://u:p2@b:2] to [redis://u:p3@c:3]";

        assertThat(Redaction.redact(message))
                .isEqualTo("masters changed from [redis://***@a:1, redis://***@b:2] to [redis://***@c:3]")
                .doesNotContain("p1", "p2", "p3");
    }

    @Test
    void shouldTakeThePasswordUpToTheLastAtSignOfTheAuthority() {
        // an unencoded '@' in a password must not leave its tail behind
        assertThat(Redaction.redact("redis://user:pa@ss@host:6379")).isEqualTo("redis://***@host:6379");
    }

    @Test
    void shouldNotTreatAnAtSignInThePathAsUserinfo() {
        assertThat(Redaction.redact("http://origin/items/a@b")).isEqualTo("http://origin/items/a@b");
    }

    @Test
    void shouldPassNullThrough() {
        assertThat(Redaction.redact(null)).isNull();
    }
}
