package io.perfsuite.loadbalancer.proxy;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The TLS port's certificate and key, replaceable while the listener runs: every handshake asks whichever pair is
 * current. Vert.x 4.5's own {@code updateSSLOptions} publishes its pending context to the accept path, so connections
 * arriving during a reload (and every one after a failed reload) are closed; swapping the key manager under a
 * context that stays avoids both. An alias carries its pair's generation, so a handshake that chose an alias before a
 * swap still gets that pair's chain and key.
 */
final class ReloadableKeyManager extends X509ExtendedKeyManager {

    private record Generation(long number, X509ExtendedKeyManager keys) {

        String tag(String alias) {
            return alias == null ? null : number + "/" + alias;
        }
    }

    private volatile Generation current;
    private volatile Generation previous;

    ReloadableKeyManager(X509ExtendedKeyManager initial) {
        this.current = new Generation(0, initial);
        this.previous = current;
    }

    synchronized void replace(X509ExtendedKeyManager next) {
        previous = current;
        current = new Generation(current.number() + 1, next);
    }

    private Generation of(String tagged) {
        Generation now = current;
        int slash = tagged == null ? -1 : tagged.indexOf('/');
        if (slash < 0) {
            return now;
        }
        String number = tagged.substring(0, slash);
        Generation before = previous;
        return before.number() != now.number() && number.equals(Long.toString(before.number())) ? before : now;
    }

    private static String untagged(String tagged) {
        return tagged == null ? null : tagged.substring(tagged.indexOf('/') + 1);
    }

    private static String[] tagAll(Generation generation, String[] aliases) {
        return aliases == null ? null : Arrays.stream(aliases).map(generation::tag).toArray(String[]::new);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        Generation now = current;
        return now.tag(now.keys().chooseEngineServerAlias(keyType, issuers, engine));
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Generation now = current;
        return now.tag(now.keys().chooseServerAlias(keyType, issuers, socket));
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        Generation now = current;
        return tagAll(now, now.keys().getServerAliases(keyType, issuers));
    }

    // a listener's key manager: it never authenticates as a client

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return of(alias).keys().getCertificateChain(untagged(alias));
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return of(alias).keys().getPrivateKey(untagged(alias));
    }
}
