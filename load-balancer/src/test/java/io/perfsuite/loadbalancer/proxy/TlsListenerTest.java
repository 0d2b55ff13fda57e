package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.X509ExtendedKeyManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.perfsuite.loadbalancer.testing.TestCertificate;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;

/** A certificate rotation as files change under the TLS port: half-done rotations never reach a handshake. */
class TlsListenerTest {

    @TempDir
    Path dir;

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static void copy(Path from, Path to) throws Exception {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void shouldRefuseAKeyRotatedBeforeItsCertificateAndTakeThePairOnceBothChanged() throws Exception {
        TestCertificate served = TestCertificate.create(dir);
        TestCertificate renewed = TestCertificate.create(Files.createDirectory(dir.resolve("renewed")));
        TlsListener listener = new TlsListener(vertx, 8443, served.certPath(), served.keyPath());
        assertThat(listener.reloadIfChanged()).as("nothing changed").isFalse();

        copy(renewed.keyPath(), served.keyPath());

        assertThatThrownBy(listener::reloadIfChanged).isInstanceOf(GeneralSecurityException.class)
                .hasMessageContaining("does not belong to the certificate");

        copy(renewed.certPath(), served.certPath());

        assertThat(listener.reloadIfChanged()).isTrue();
        assertThat(listener.reloadIfChanged()).as("read once").isFalse();
    }

    private X509ExtendedKeyManager keys(TestCertificate certificate) throws Exception {
        return (X509ExtendedKeyManager) new PemKeyCertOptions().setCertPath(certificate.certPath().toString())
                .setKeyPath(certificate.keyPath().toString()).getKeyManagerFactory(vertx).getKeyManagers()[0];
    }

    @Test
    void shouldFinishAHandshakeWithThePairItChoseWhenTheKeysAreSwappedMidway() throws Exception {
        TestCertificate served = TestCertificate.create(dir);
        TestCertificate renewed = TestCertificate.create(Files.createDirectory(dir.resolve("renewed")));
        X509Certificate servedCert = TestCertificate.read(served.certPath());
        ReloadableKeyManager reloadable = new ReloadableKeyManager(keys(served));
        String chosen = reloadable.chooseEngineServerAlias("EC", null, null);

        reloadable.replace(keys(renewed));

        assertThat(reloadable.getCertificateChain(chosen)[0]).isEqualTo(servedCert);
        assertThat(reloadable.getPrivateKey(chosen)).isEqualTo(keys(served).getPrivateKey(
                keys(served).chooseEngineServerAlias("EC", null, null)));
        String next = reloadable.chooseEngineServerAlias("EC", null, null);
        assertThat(reloadable.getCertificateChain(next)[0]).isEqualTo(TestCertificate.read(renewed.certPath()));
    }

    @Test
    void shouldWaitOutAFileThatIsMissingMidRotation() throws Exception {
        TestCertificate served = TestCertificate.create(dir);
        TlsListener listener = new TlsListener(vertx, 8443, served.certPath(), served.keyPath());

        Files.delete(served.certPath());

        assertThat(listener.reloadIfChanged()).isFalse();
    }
}
