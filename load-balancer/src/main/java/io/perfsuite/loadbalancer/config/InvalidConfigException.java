package io.perfsuite.loadbalancer.config;

import java.util.List;

/** A configuration file that was refused; the configuration in force stays as it was. */
public class InvalidConfigException extends Exception {

    private final String file;
    private final List<ConfigError> errors;

    public InvalidConfigException(String file, List<ConfigError> errors) {
        super(file + " was rejected: " + String.join("; ", errors.stream().map(ConfigError::toString).toList()));
        this.file = file;
        this.errors = List.copyOf(errors);
    }

    public String file() {
        return file;
    }

    public List<ConfigError> errors() {
        return errors;
    }
}
