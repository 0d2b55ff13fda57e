package io.perfsuite.loadbalancer.proxy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.X509ExtendedKeyManager;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemKeyCertOptions;

/**
 * The TLS port: its server options (the proxy port's limits, timeouts, no compression, no tracing, plus ALPN offering
 * h2 first, then http/1.1; a client offering no ALPN gets HTTP/1.1, which runs through the same framing guard as the
 * plain port) and the PEM certificate and key behind them, read again when the files change.
 */
final class TlsListener {

    private final Vertx vertx;
    private final int port;
    private final TlsFiles files;
    private final ReloadableKeyManager keys;

    /** Loads the pair now, so a file that is not a matching PEM certificate and key fails start-up. */
    TlsListener(Vertx vertx, int port, Path certPath, Path keyPath) throws Exception {
        this.vertx = vertx;
        this.port = port;
        this.files = new TlsFiles(certPath, keyPath);
        TlsFiles.Pair first = files.read();
        if (first == null) {
            throw new java.io.IOException("cannot read " + certPath + " and " + keyPath);
        }
        this.keys = new ReloadableKeyManager(load(first));
        files.served(first);
    }

    int port() {
        return port;
    }

    HttpServerOptions options(HttpServerOptions plain) {
        return new HttpServerOptions(plain)
                .setPort(port)
                .setSsl(true)
                .setKeyCertOptions(KeyCertOptions.wrap(keys))
                .setUseAlpn(true)
                .setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
    }

    /**
     * Blocking (reads files). New handshakes get the files' pair when it changed since the last call and loads; a
     * pair that does not load leaves the previous one serving and is reported by the exception.
     *
     * @return whether a new pair is now served
     */
    boolean reloadIfChanged() throws Exception {
        TlsFiles.Pair changed = files.changed();
        if (changed == null) {
            return false;
        }
        keys.replace(load(changed));
        files.served(changed);
        return true;
    }

    private X509ExtendedKeyManager load(TlsFiles.Pair pair) throws Exception {
        KeyManager[] managers = new PemKeyCertOptions().setCertValue(Buffer.buffer(pair.cert()))
                .setKeyValue(Buffer.buffer(pair.key())).getKeyManagerFactory(vertx).getKeyManagers();
        X509ExtendedKeyManager manager = (X509ExtendedKeyManager) managers[0];
        String alias = serverAlias(manager);
        if (alias == null) {
            throw new GeneralSecurityException("no RSA or EC key with its certificate in the PEM files");
        }
        requirePair(manager.getCertificateChain(alias), manager.getPrivateKey(alias));
        return manager;
    }

    private static String serverAlias(X509ExtendedKeyManager manager) {
        for (String keyType : List.of("EC", "RSA", "RSASSA-PSS", "EdDSA")) {
            String[] aliases = manager.getServerAliases(keyType, null);
            if (aliases != null && aliases.length > 0) {
                return aliases[0];
            }
        }
        return null;
    }

    /** A key swapped in before its certificate (or a wrong file) would fail every handshake: refuse it here. */
    private static void requirePair(X509Certificate[] chain, PrivateKey key) throws GeneralSecurityException {
        if (chain == null || chain.length == 0 || key == null) {
            throw new GeneralSecurityException("no certificate and key in the PEM files");
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        byte[] probe = "perfsuite-lb".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(chain[0].getPublicKey());
        verifier.update(probe);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException("the private key does not belong to the certificate");
        }
    }
}
