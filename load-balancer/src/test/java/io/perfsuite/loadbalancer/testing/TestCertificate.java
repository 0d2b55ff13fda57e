package io.perfsuite.loadbalancer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, written as the PEM pair the TLS port reads
 * (a Kubernetes TLS Secret's {@code tls.crt} and {@code tls.key}). Made with the JDK's keytool, then re-encoded: the
 * JDK has no public certificate builder, and Netty's self-signed generator needs internals JDK 17 closes off.
 */
public record TestCertificate(Path certPath, Path keyPath) {

    private static final char[] PASSWORD = "test-only".toCharArray();

    public static TestCertificate create(Path dir) {
        try {
            Path store = dir.resolve("tls.p12");
            Process keytool = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "lb", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, PASSWORD);
            }
            PrivateKey key = (PrivateKey) keyStore.getKey("lb", PASSWORD);
            Certificate certificate = keyStore.getCertificate("lb");
            Path cert = dir.resolve("tls.crt");
            Path keyFile = dir.resolve("tls.key");
            Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
            // PKCS#8, what getEncoded() gives and Vert.x' PemKeyCertOptions reads
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            return new TestCertificate(cert, keyFile);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("could not make a test certificate", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The certificate in a PEM file. */
    public static X509Certificate read(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("could not read " + pem, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
