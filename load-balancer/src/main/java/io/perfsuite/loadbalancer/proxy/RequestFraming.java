package io.perfsuite.loadbalancer.proxy;

import java.util.List;
import java.util.Locale;

/**
 * RFC 9112 message framing rules the proxy enforces before anything reaches a backend. Two parties that disagree
 * on where a request ends is how request smuggling works, so every ambiguity is refused rather than repaired.
 */
public final class RequestFraming {

    /** Set on a request by {@link FramingGuardDecoder} when the client sent both Content-Length and Transfer-Encoding. */
    public static final String CONFLICT_MARKER = "x-perfsuite-lb-framing-conflict";

    private RequestFraming() {
    }

    /** A broken rule: the field, the rule's name (for the problem body) and a sentence for people. */
    public record Violation(String field, String rule, String detail) {
    }

    /**
     * @param http11 true for HTTP/1.1 (HTTP/2 frames its own messages and has no Host/TE fields to check)
     * @return the first broken rule, or null when the request may be forwarded
     */
    public static Violation check(boolean http11, List<String> transferEncoding, List<String> host,
            boolean conflictMarked) {
        if (conflictMarked) {
            return new Violation("Transfer-Encoding", "content-length-with-transfer-encoding",
                    "a request must not carry both Content-Length and Transfer-Encoding (RFC 9112 section 6.3)");
        }
        if (!http11) {
            return null;
        }
        if (!transferEncoding.isEmpty() && !endsWithChunked(transferEncoding)) {
            return new Violation("Transfer-Encoding", "chunked-last",
                    "the final transfer coding of a request must be chunked (RFC 9112 section 6.3)");
        }
        if (host.isEmpty()) {
            return new Violation("Host", "required", "an HTTP/1.1 request must carry a Host field (RFC 9112 section 3.2)");
        }
        if (host.size() > 1) {
            return new Violation("Host", "single", "a request must carry exactly one Host field (RFC 9112 section 3.2)");
        }
        return null;
    }

    private static boolean endsWithChunked(List<String> transferEncoding) {
        String last = transferEncoding.get(transferEncoding.size() - 1);
        int comma = last.lastIndexOf(',');
        String coding = (comma < 0 ? last : last.substring(comma + 1)).trim().toLowerCase(Locale.ROOT);
        return coding.equals("chunked");
    }
}
