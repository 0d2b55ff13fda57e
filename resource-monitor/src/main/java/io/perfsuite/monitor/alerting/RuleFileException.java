package io.perfsuite.monitor.alerting;

/** A rule file that cannot be used: which file, which line (1-based, 0 when unknown) and why. */
public final class RuleFileException extends RuntimeException {

    private final String file;
    private final int line;
    private final String reason;

    public RuleFileException(String file, int line, String reason) {
        super(file + (line > 0 ? ":" + line : "") + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
