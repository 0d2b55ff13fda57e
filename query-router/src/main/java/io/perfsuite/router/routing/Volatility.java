package io.perfsuite.router.routing;

/** {@code pg_proc.provolatile}: what PostgreSQL promises about a function's side effects. */
public enum Volatility {
    IMMUTABLE, STABLE, VOLATILE;

    /** Maps the catalog's one-letter code ({@code i}, {@code s}, {@code v}). */
    public static Volatility fromCode(String code) {
        return switch (code) {
            case "i" -> IMMUTABLE;
            case "s" -> STABLE;
            case "v" -> VOLATILE;
            default -> throw new IllegalArgumentException("unknown provolatile code: " + code);
        };
    }
}
