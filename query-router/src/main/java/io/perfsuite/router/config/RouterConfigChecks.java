package io.perfsuite.router.config;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;

/**
 * The rules between properties that per-property constraints cannot express, checked at start-up so a wrong value
 * stops the router with its name instead of surfacing as refused requests later.
 */
@ApplicationScoped
public class RouterConfigChecks {

    void check(@Observes StartupEvent started, RouterConfig config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid configuration: " + String.join("; ", problems));
        }
    }

    public static List<String> problems(RouterConfig config) {
        List<String> problems = new ArrayList<>();
        if (config.query().defaultTimeout().compareTo(config.query().maxTimeout()) > 0) {
            problems.add("router.query.default-timeout=" + config.query().defaultTimeout()
                    + " must not be longer than router.query.max-timeout=" + config.query().maxTimeout());
        }
        if (config.breaker().openBase().compareTo(config.breaker().openMax()) > 0) {
            problems.add("router.breaker.open-base=" + config.breaker().openBase()
                    + " must not be longer than router.breaker.open-max=" + config.breaker().openMax());
        }
        config.cache().tables().forEach((table, rule) -> {
            if (rule.ttl().compareTo(config.cache().maxTtl()) > 0) {
                problems.add("router.cache.tables.\"" + table + "\".ttl=" + rule.ttl()
                        + " must not be longer than router.cache.max-ttl=" + config.cache().maxTtl());
            }
        });
        return problems;
    }
}
