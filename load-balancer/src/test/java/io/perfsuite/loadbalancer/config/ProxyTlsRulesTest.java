package io.perfsuite.loadbalancer.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProxyTlsRulesTest {

    @Test
    void shouldAcceptNoTlsAtAllAndAPortWithCertificateAndKey() {
        assertThat(ProxyTlsRules.check(false, false, false)).isEmpty();
        assertThat(ProxyTlsRules.check(true, true, true)).isEmpty();
    }

    @Test
    void shouldNameTheMissingKeyWhenTheTlsPortIsSet() {
        assertThat(ProxyTlsRules.check(true, true, false)).extracting(ConfigError::toString)
                .containsExactly("lb.proxy.tls.key-path: must be set when lb.proxy.tls-port is (required)");
    }

    @Test
    void shouldNameBothFilesWhenOnlyThePortIsSet() {
        assertThat(ProxyTlsRules.check(true, false, false)).extracting(ConfigError::field)
                .containsExactly("lb.proxy.tls.cert-path", "lb.proxy.tls.key-path");
    }

    @Test
    void shouldRefuseACertificateWithoutATlsPort() {
        assertThat(ProxyTlsRules.check(false, true, true)).extracting(ConfigError::field, ConfigError::rule)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("lb.proxy.tls-port", "required"));
    }
}
