package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.loadbalancer.testing.TestCertificate;
import io.perfsuite.testsupport.FreePort;
import io.perfsuite.testsupport.PackagedApp;
import io.perfsuite.testsupport.TestServerException;

/** The packaged jar refuses to start on a TLS configuration it cannot serve, and says which property is wrong. */
class TlsStartupIT {

    @TempDir
    Path dir;

    private static void assertRefusesToStart(String name, Map<String, String> tls, String... logged) {
        int management = FreePort.find();
        PackagedApp lb = PackagedApp.builder(name, PackagedApp.moduleJar("load-balancer"))
                .config(Map.of(
                        "lb.backends", "http://127.0.0.1:" + FreePort.find(),
                        "lb.proxy.host", FreePort.LOOPBACK_HOST,
                        "lb.proxy.port", String.valueOf(FreePort.find()),
                        "lb.proxy.event-loops", "1",
                        "lb.proxy.tls-port", String.valueOf(FreePort.find()),
                        "quarkus.management.port", String.valueOf(management),
                        "quarkus.management.host", FreePort.LOOPBACK_HOST,
                        "quarkus.otel.sdk.disabled", "true"))
                .config(tls)
                .healthPort(management)
                .build();
        try {
            assertThatThrownBy(lb::start).isInstanceOf(TestServerException.class).hasMessageContaining("exited");
            assertThat(lb.log()).contains(logged);
        } finally {
            lb.close();
        }
    }

    @Test
    void shouldRefuseToStartWhenTheCertificatePathIsNotAReadableFile() {
        TestCertificate certificate = TestCertificate.create(dir);

        Path missing = dir.resolve("no-such.crt");

        assertRefusesToStart("load-balancer-tls-missing-cert", Map.of(
                "lb.proxy.tls.cert-path", missing.toString(),
                "lb.proxy.tls.key-path", certificate.keyPath().toString()),
                // the command line names the property too: the whole sentence is what start-up wrote
                "lb.proxy.tls.cert-path: must be a readable file, was " + missing + " (readable-file)");
    }

    @Test
    void shouldRefuseToStartWhenTheCertificateFileIsNotPem() throws Exception {
        TestCertificate certificate = TestCertificate.create(dir);
        Path garbage = Files.writeString(dir.resolve("garbage.crt"), "not a certificate\n");

        assertRefusesToStart("load-balancer-tls-garbage-cert", Map.of(
                "lb.proxy.tls.cert-path", garbage.toString(),
                "lb.proxy.tls.key-path", certificate.keyPath().toString()),
                "cannot load the TLS certificate and key; check lb.proxy.tls.cert-path and lb.proxy.tls.key-path");
    }

    @Test
    void shouldRefuseToStartWhenTheKeyDoesNotBelongToTheCertificate() throws Exception {
        TestCertificate certificate = TestCertificate.create(dir);
        TestCertificate other = TestCertificate.create(Files.createDirectory(dir.resolve("other")));

        assertRefusesToStart("load-balancer-tls-foreign-key", Map.of(
                "lb.proxy.tls.cert-path", certificate.certPath().toString(),
                "lb.proxy.tls.key-path", other.keyPath().toString()),
                "the private key does not belong to the certificate");
    }
}
