package io.perfsuite.loadbalancer.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The TLS port's certificate and key files, and the pair last served from them, to tell when a renewal replaced them.
 * Contents, not modification times: a Secret volume swaps a symlink, and copies may keep the old time. A missing file
 * is a rotation in progress and changes nothing. A pair counts as served only once it loaded, so one that failed is
 * tried again on the next look.
 */
final class TlsFiles {

    /** Both files' bytes, read together: what is loaded is exactly what was compared. */
    record Pair(byte[] cert, byte[] key) {
    }

    private final Path cert;
    private final Path key;
    private Pair served;

    TlsFiles(Path cert, Path key) {
        this.cert = cert;
        this.key = key;
    }

    /** Both files now, or null while either cannot be read. */
    Pair read() {
        byte[] certNow = read(cert);
        byte[] keyNow = read(key);
        return certNow == null || keyNow == null ? null : new Pair(certNow, keyNow);
    }

    /** The files' pair when it differs from the one served, else null. */
    synchronized Pair changed() {
        Pair now = read();
        if (now == null || served != null && Arrays.equals(now.cert(), served.cert())
                && Arrays.equals(now.key(), served.key())) {
            return null;
        }
        return now;
    }

    synchronized void served(Pair pair) {
        served = pair;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }
}
