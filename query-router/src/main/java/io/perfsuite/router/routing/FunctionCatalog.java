package io.perfsuite.router.routing;

import java.util.Map;
import java.util.Optional;

/** What the database says about functions by (unqualified, lower-case) name. */
public interface FunctionCatalog {

    /**
     * @param volatility the most volatile of the overloads with this name
     * @param builtin true when every overload lives in {@code pg_catalog}
     */
    record FunctionInfo(Volatility volatility, boolean builtin) {
    }

    Optional<FunctionInfo> lookup(String name);

    /** A catalog that knows nothing: every function is unknown, so every statement calling one goes to the primary. */
    static FunctionCatalog empty() {
        return name -> Optional.empty();
    }

    static FunctionCatalog of(Map<String, FunctionInfo> functions) {
        Map<String, FunctionInfo> copy = Map.copyOf(functions);
        return name -> Optional.ofNullable(copy.get(name));
    }
}
