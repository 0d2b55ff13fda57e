package io.perfsuite.loadbalancer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ProxyTlsRulesTest {

    private static final Optional<Path> CERT = Optional.of(Path.of("/tls/tls.crt"));
    private static final Optional<Path> KEY = Optional.of(Path.of("/tls/tls.key"));

    private static List<ConfigError> check(boolean port, Optional<Path> cert, Optional<Path> key) {
        return ProxyTlsRules.check(port, cert, key, path -> path.startsWith("/tls"));
    }

    @Test
    void shouldAcceptNoTlsAtAllAndAPortWithReadableCertificateAndKey() {
        assertThat(check(false, Optional.empty(), Optional.empty())).isEmpty();
        assertThat(check(true, CERT, KEY)).isEmpty();
    }

    @Test
    void shouldNameTheMissingKeyWhenTheTlsPortIsSet() {
        assertThat(check(true, CERT, Optional.empty())).extracting(ConfigError::toString)
                .containsExactly("lb.proxy.tls.key-path: must be set when lb.proxy.tls-port is (required)");
    }

    @Test
    void shouldNameBothFilesWhenOnlyThePortIsSet() {
        assertThat(check(true, Optional.empty(), Optional.empty())).extracting(ConfigError::field)
                .containsExactly("lb.proxy.tls.cert-path", "lb.proxy.tls.key-path");
    }

    @Test
    void shouldRefuseACertificateWithoutATlsPort() {
        assertThat(check(false, CERT, KEY)).extracting(ConfigError::field, ConfigError::rule)
                .containsExactly(tuple("lb.proxy.tls-port", "required"));
    }

    @Test
    void shouldRefuseAPathThatIsNoReadableFile() {
        assertThat(check(true, Optional.of(Path.of("/etc/missing.crt")), KEY)).extracting(ConfigError::toString)
                .containsExactly("lb.proxy.tls.cert-path: must be a readable file, was /etc/missing.crt (readable-file)");
    }
}
