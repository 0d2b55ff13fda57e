package io.perfsuite.cache.api;

import jakarta.enterprise.context.ApplicationScoped;

import io.perfsuite.api.problem.ProblemException;
import io.perfsuite.cache.config.CacheConfig;
import io.perfsuite.cache.config.NamespaceRegistry;
import io.perfsuite.cache.namespace.Namespace;

/** The input rules every endpoint shares, each failing with a problem that names the field and the rule. */
@ApplicationScoped
class RequestRules {

    private final NamespaceRegistry namespaces;
    private final CacheConfig.Limits limits;

    RequestRules(NamespaceRegistry namespaces, CacheConfig config) {
        this.namespaces = namespaces;
        this.limits = config.limits();
    }

    Namespace namespace(String name) {
        return namespaces.find(name).orElseThrow(() -> ProblemException.forField(404, "namespace", "known",
                "'" + name + "' is not a configured namespace"));
    }

    void checkKey(String field, String key) {
        if (key == null || key.isEmpty()) {
            throw ProblemException.invalid(field, "required", "must not be empty");
        }
        if (utf8Length(key) > limits.maxKeyBytes()) {
            throw ProblemException.invalid(field, "max-bytes", "must be at most " + limits.maxKeyBytes() + " bytes");
        }
    }

    /** The key's length in UTF-8, counted without encoding it (every read checks its key). */
    static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                // a lone surrogate is encoded as '?', one byte, like String.getBytes does
                bytes += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return bytes;
    }

    void checkValue(String field, int length) {
        long max = limits.maxValueBytes().asLongValue();
        if (length > max) {
            throw ProblemException.forField(413, field, "max-bytes",
                    "must be at most " + max + " bytes");
        }
    }

    void checkBatch(String field, int size) {
        if (size == 0) {
            throw ProblemException.invalid(field, "non-empty", "must list at least one item");
        }
        if (size > limits.maxBatch()) {
            throw ProblemException.invalid(field, "max-items", "must list at most " + limits.maxBatch() + " items");
        }
    }
}
