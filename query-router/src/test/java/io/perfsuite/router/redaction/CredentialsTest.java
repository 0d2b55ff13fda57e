package io.perfsuite.router.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void shouldMaskTheUserinfoOfAPostgresUri() {
        assertThat(Credentials.redact("postgresql://app:s3cret@db.internal:5432/app"))
                .isEqualTo("postgresql://***@db.internal:5432/app");
    }

    @Test
    void shouldMaskATokenOnlyUserinfoAndLeaveAddressesWithoutOneAlone() {
        assertThat(Credentials.redact("http://tok3n@cache:8081/v1")).isEqualTo("http://***@cache:8081/v1");
        assertThat(Credentials.redact("http://cache:8081/v1/cache/q?ttl=30s"))
                .isEqualTo("http://cache:8081/v1/cache/q?ttl=30s");
    }

    @Test
    void shouldMaskPasswordParametersOfJdbcUrlsAndConninfoStrings() {
        assertThat(Credentials.redact("jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=app&password=***&ssl=true");
        assertThat(Credentials.redact("host=db user=app password=s3cret sslpassword=k3y"))
                .isEqualTo("host=db user=app password=*** sslpassword=***");
    }

    @Test
    void shouldMaskEveryAddressInsideAMessage() {
        String message = "cannot reach postgresql://a:pw1@p:5432/x nor postgresql://b:pw2@r:5432/x (password=pw3)";

        assertThat(Credentials.redact(message)).doesNotContain("pw1", "pw2", "pw3")
                .contains("postgresql://***@p:5432/x", "postgresql://***@r:5432/x");
    }

    @Test
    void shouldLeaveAnEmailLikeTextWithoutSchemeAndPlainMessagesAlone() {
        assertThat(Credentials.redact("owner ada@example.org")).isEqualTo("owner ada@example.org");
        assertThat(Credentials.redact("Connection refused")).isEqualTo("Connection refused");
        assertThat(Credentials.redact(null)).isNull();
    }
}
