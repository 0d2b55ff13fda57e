package io.perfsuite.monitor.notification;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert's identity as Alertmanager computes it ({@code model.LabelSet.Fingerprint}): FNV-1a 64 over the label
 * names in order, each name and value followed by the 0xff separator, printed as 16 hex digits. Matching it means a
 * notification's {@code fingerprint} is the one a real Alertmanager would show for the same alert.
 */
public final class Fingerprint {

    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final byte SEPARATOR = (byte) 0xff;

    private Fingerprint() {
    }

    public static String of(Map<String, String> labels) {
        long hash = OFFSET;
        for (Map.Entry<String, String> label : new TreeMap<>(labels).entrySet()) {
            hash = add(hash, label.getKey().getBytes(StandardCharsets.UTF_8));
            hash = (hash ^ (SEPARATOR & 0xff)) * PRIME;
            hash = add(hash, label.getValue().getBytes(StandardCharsets.UTF_8));
            hash = (hash ^ (SEPARATOR & 0xff)) * PRIME;
        }
        return String.format("%016x", hash);
    }

    private static long add(long hash, byte[] bytes) {
        for (byte b : bytes) {
            hash ^= (b & 0xff);
            hash *= PRIME;
        }
        return hash;
    }
}
