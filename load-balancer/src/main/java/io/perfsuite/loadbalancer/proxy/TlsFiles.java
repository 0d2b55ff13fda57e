package io.perfsuite.loadbalancer.proxy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The TLS port's certificate and key as last read, to tell when a renewal replaced them. Contents, not modification
 * times: a Secret volume swaps a symlink, and copies may keep the old time. A missing file is a rotation in progress
 * and changes nothing.
 */
final class TlsFiles {

    private final Path cert;
    private final Path key;
    private byte[] certSeen;
    private byte[] keySeen;

    TlsFiles(Path cert, Path key) {
        this.cert = cert;
        this.key = key;
        changed();
    }

    /** Reads both files; true when either differs from what the previous call read. */
    synchronized boolean changed() {
        byte[] certNow = read(cert);
        byte[] keyNow = read(key);
        if (certNow == null || keyNow == null) {
            return false;
        }
        boolean changed = certSeen != null && (!Arrays.equals(certNow, certSeen) || !Arrays.equals(keyNow, keySeen));
        certSeen = certNow;
        keySeen = keyNow;
        return changed;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
    }
}
