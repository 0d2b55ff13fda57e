package io.perfsuite.loadbalancer.strategy;

import java.util.Locale;
import java.util.Objects;

/**
 * What consistent hashing hashes: the client's address, a request header or a cookie. Written in configuration as
 * {@code client-ip}, {@code header:<name>} or {@code cookie:<name>}.
 */
public record HashKey(Source source, String name) {

    public enum Source {
        CLIENT_IP, HEADER, COOKIE
    }

    public static final HashKey CLIENT_IP = new HashKey(Source.CLIENT_IP, null);

    public HashKey {
        Objects.requireNonNull(source, "source");
        if (source != Source.CLIENT_IP && (name == null || name.isBlank())) {
            throw new IllegalArgumentException("a " + source.name().toLowerCase(Locale.ROOT)
                    + " hash key needs a name");
        }
    }

    public static HashKey header(String name) {
        return new HashKey(Source.HEADER, name);
    }

    public static HashKey cookie(String name) {
        return new HashKey(Source.COOKIE, name);
    }

    /** Parses {@code client-ip}, {@code header:<name>} or {@code cookie:<name>}. */
    public static HashKey parse(String text) {
        Objects.requireNonNull(text, "hash key");
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("client-ip")) {
            return CLIENT_IP;
        }
        int colon = trimmed.indexOf(':');
        if (colon > 0 && colon < trimmed.length() - 1) {
            String kind = trimmed.substring(0, colon).toLowerCase(Locale.ROOT);
            String name = trimmed.substring(colon + 1).trim();
            if (kind.equals("header")) {
                return header(name);
            }
            if (kind.equals("cookie")) {
                return cookie(name);
            }
        }
        throw new IllegalArgumentException("hash key must be client-ip, header:<name> or cookie:<name>, was '"
                + text + "'");
    }

    /** The key's value in {@code request}, or null when the request does not carry it. */
    public String valueIn(RequestAttributes request) {
        return switch (source) {
            case CLIENT_IP -> request.clientAddress();
            case HEADER -> request.header(name);
            case COOKIE -> request.cookie(name);
        };
    }

    @Override
    public String toString() {
        return switch (source) {
            case CLIENT_IP -> "client-ip";
            case HEADER -> "header:" + name;
            case COOKIE -> "cookie:" + name;
        };
    }
}
