package io.perfsuite.loadbalancer.strategy;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** An immutable {@link RequestAttributes} built by hand: tests, and callers that have no HTTP request at hand. */
public final class SimpleRequest implements RequestAttributes {

    private final String clientAddress;
    private final String method;
    private final String path;
    private final Map<String, String> headers;
    private final Map<String, String> cookies;

    private SimpleRequest(Builder builder) {
        this.clientAddress = builder.clientAddress;
        this.method = builder.method;
        this.path = builder.path;
        this.headers = Map.copyOf(builder.headers);
        this.cookies = Map.copyOf(builder.cookies);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String clientAddress() {
        return clientAddress;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String cookie(String name) {
        return cookies.get(name);
    }

    public static final class Builder {
        private String clientAddress;
        private String method = "GET";
        private String path = "/";
        private final Map<String, String> headers = new HashMap<>();
        private final Map<String, String> cookies = new HashMap<>();

        private Builder() {
        }

        public Builder clientAddress(String value) {
            this.clientAddress = value;
            return this;
        }

        public Builder method(String value) {
            this.method = value;
            return this;
        }

        public Builder path(String value) {
            this.path = value;
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(name.toLowerCase(Locale.ROOT), value);
            return this;
        }

        public Builder cookie(String name, String value) {
            cookies.put(name, value);
            return this;
        }

        public SimpleRequest build() {
            return new SimpleRequest(this);
        }
    }
}
