package io.perfsuite.loadbalancer.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.perfsuite.api.auth.ApiKeys;
import io.perfsuite.api.problem.Problem;
import io.perfsuite.api.problem.ProblemException;
import io.perfsuite.api.problem.ProblemWriter;
import io.perfsuite.loadbalancer.config.ConfigError;
import io.perfsuite.loadbalancer.config.InvalidConfigException;
import io.perfsuite.loadbalancer.config.RoutingFile;
import io.perfsuite.loadbalancer.endpoint.Endpoint;
import io.perfsuite.loadbalancer.health.ActiveHealthChecks;
import io.perfsuite.loadbalancer.route.Route;
import io.perfsuite.loadbalancer.route.Topology;
import io.perfsuite.loadbalancer.route.Topology.PoolEntry;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.Handler;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The admin API on the management interface (role {@code admin}): pools and backends with their live state, route
 * weights between pools (canary, blue-green), backend weights, drain and undrain, reload. Every error is a problem
 * body. Handlers only read or flip state already built for thread safety, so they run on the event loop.
 */
@ApplicationScoped
public class AdminRoutes {

    static final String ROLE = "admin";

    private final RoutingFile routing;
    private final ApiKeys apiKeys;
    private final ActiveHealthChecks healthChecks;

    AdminRoutes(RoutingFile routing, ApiKeys apiKeys, ActiveHealthChecks healthChecks) {
        this.routing = routing;
        this.apiKeys = apiKeys;
        this.healthChecks = healthChecks;
    }

    void register(@Observes ManagementInterface management) {
        Router router = management.router();
        router.route("/admin/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
        router.get("/admin/pools").handler(guarded(this::pools));
        router.get("/admin/pools/:pool").handler(guarded(this::pool));
        router.get("/admin/routes").handler(guarded(this::routes));
        router.put("/admin/routes/:route/weights").handler(guarded(this::setRouteWeights));
        router.put("/admin/pools/:pool/backends/:backend/weight").handler(guarded(this::setBackendWeight));
        router.post("/admin/pools/:pool/backends/:backend/drain").handler(guarded(ctx -> drain(ctx, true)));
        router.post("/admin/pools/:pool/backends/:backend/undrain").handler(guarded(ctx -> drain(ctx, false)));
        router.post("/admin/reload").handler(guarded(this::reload));
        router.route("/admin/*").last().handler(guarded(ctx -> {
            throw new ProblemException(404, "no admin call " + ctx.request().method() + " " + ctx.request().path());
        }));
    }

    private Handler<RoutingContext> guarded(Handler<RoutingContext> handler) {
        return ctx -> {
            try {
                apiKeys.require(name -> ctx.request().getHeader(name), ROLE);
                handler.handle(ctx);
            } catch (ProblemException e) {
                ProblemWriter.write(ctx.response(), e);
            } catch (RuntimeException e) {
                ProblemWriter.write(ctx.response(), Problem.of(500, "internal error; see the service log"));
                org.jboss.logging.Logger.getLogger(AdminRoutes.class).error("admin call failed", e);
            }
        };
    }

    private void pools(RoutingContext ctx) {
        JsonArray pools = new JsonArray();
        routing.topology().pools().values().forEach(pool -> pools.add(describe(pool)));
        json(ctx, 200, new JsonObject().put("generation", routing.topology().generation()).put("pools", pools));
    }

    private void pool(RoutingContext ctx) {
        json(ctx, 200, describe(pool(ctx.pathParam("pool"))));
    }

    private JsonObject describe(PoolEntry entry) {
        JsonArray backends = new JsonArray();
        for (Endpoint endpoint : entry.pool().endpoints()) {
            JsonObject backend = new JsonObject()
                    .put("id", endpoint.id())
                    .put("url", endpoint.uri().toString())
                    .put("health", endpoint.health().name().toLowerCase(java.util.Locale.ROOT))
                    .put("available", endpoint.available())
                    .put("ejected", endpoint.ejected())
                    .put("ejections", endpoint.totalEjections())
                    .put("draining", endpoint.draining())
                    .put("inFlight", endpoint.inFlight())
                    .put("ewmaMillis", Math.round(endpoint.peakEwmaMillis() * 1000) / 1000.0)
                    .put("weight", endpoint.configuredWeight())
                    .put("effectiveWeight", Math.round(endpoint.effectiveWeight() * 1000) / 1000.0)
                    .put("queued", endpoint.admission().queued())
                    .put("lastHealthCheck", healthChecks.lastResult(entry.pool().name(), endpoint.id()));
            endpoint.ejectedUntil().ifPresent(until -> backend.put("ejectedUntil", until.toString()));
            backends.add(backend);
        }
        return new JsonObject().put("name", entry.pool().name()).put("strategy", entry.pool().strategy().name())
                .put("panicking", entry.pool().panicking())
                .put("retryBudgetRemaining", entry.pool().retryBudget().remaining())
                .put("backends", backends);
    }

    private void routes(RoutingContext ctx) {
        JsonArray routes = new JsonArray();
        for (Route route : routing.topology().routes().routes()) {
            routes.add(describe(route));
        }
        json(ctx, 200, new JsonObject().put("routes", routes));
    }

    private static JsonObject describe(Route route) {
        JsonObject weights = new JsonObject();
        int[] w = route.weights();
        for (int i = 0; i < w.length; i++) {
            weights.put(route.pools().get(i), w[i]);
        }
        return new JsonObject().put("name", route.name()).put("weights", weights);
    }

    private void setRouteWeights(RoutingContext ctx) {
        Route route = routing.topology().routes().route(ctx.pathParam("route"));
        if (route == null) {
            throw ProblemException.forField(404, "route", "exists", "no route '" + ctx.pathParam("route") + "'");
        }
        JsonObject body = body(ctx);
        Map<String, Integer> weights = new LinkedHashMap<>();
        for (String pool : body.fieldNames()) {
            Object value = body.getValue(pool);
            if (!(value instanceof Integer weight) || weight < 0) {
                throw ProblemException.forField(400, pool, "non-negative-integer",
                        "the weight of pool '" + pool + "' must be a whole number of 0 or more");
            }
            weights.put(pool, weight);
        }
        try {
            route.setWeights(weights);
        } catch (IllegalArgumentException e) {
            throw ProblemException.forField(400, "weights", "route-pools", e.getMessage());
        }
        json(ctx, 200, describe(route));
    }

    private void setBackendWeight(RoutingContext ctx) {
        Endpoint endpoint = endpoint(ctx);
        Object value = body(ctx).getValue("weight");
        if (!(value instanceof Integer weight) || weight < 0 || weight > 1_000_000) {
            throw ProblemException.forField(400, "weight", "range", "weight must be a whole number from 0 to 1000000");
        }
        endpoint.setWeight(weight);
        json(ctx, 200, new JsonObject().put("id", endpoint.id()).put("weight", endpoint.configuredWeight()));
    }

    private void drain(RoutingContext ctx, boolean drain) {
        Endpoint endpoint = endpoint(ctx);
        if (drain) {
            endpoint.drain();
        } else {
            endpoint.undrain();
        }
        json(ctx, 200, new JsonObject().put("id", endpoint.id()).put("draining", endpoint.draining())
                .put("inFlight", endpoint.inFlight()));
    }

    private void reload(RoutingContext ctx) {
        if (!routing.fromFile()) {
            throw ProblemException.forField(409, "lb.config-file", "configured",
                    "there is no routing file to reload: the configuration comes from lb.backends");
        }
        // the file is small, but reading it is still blocking I/O: off the event loop
        ctx.vertx().<Topology>executeBlocking(() -> routing.reload(), false).onComplete(result -> {
            if (result.succeeded()) {
                Topology applied = result.result();
                json(ctx, 200, new JsonObject().put("generation", applied.generation())
                        .put("pools", applied.pools().size()).put("routes", applied.routes().routes().size()));
            } else if (result.cause() instanceof InvalidConfigException invalid) {
                List<Problem.FieldError> errors = invalid.errors().stream()
                        .map(e -> new Problem.FieldError(e.field(), e.rule(), e.message())).toList();
                ConfigError first = invalid.errors().get(0);
                Problem problem = new Problem("about:blank", "Unprocessable Content", 422,
                        invalid.file() + " was rejected; the configuration in force stays: " + first,
                        first.field(), first.rule(), errors, Map.of("file", invalid.file()));
                ProblemWriter.write(ctx.response(), problem);
            } else {
                ProblemWriter.write(ctx.response(), Problem.of(500, "reload failed; see the service log"));
            }
        });
    }

    private PoolEntry pool(String name) {
        PoolEntry pool = routing.topology().pool(name);
        if (pool == null) {
            throw ProblemException.forField(404, "pool", "exists", "no pool '" + name + "'");
        }
        return pool;
    }

    private Endpoint endpoint(RoutingContext ctx) {
        PoolEntry pool = pool(ctx.pathParam("pool"));
        String id = ctx.pathParam("backend");
        return pool.pool().endpoint(id).orElseThrow(() -> ProblemException.forField(404, "backend", "exists",
                "pool '" + pool.pool().name() + "' has no backend '" + id + "'"));
    }

    private static JsonObject body(RoutingContext ctx) {
        try {
            JsonObject body = ctx.body().asJsonObject();
            if (body == null) {
                throw ProblemException.forField(400, "body", "required", "a JSON object is required");
            }
            return body;
        } catch (DecodeException | ClassCastException e) {
            throw ProblemException.forField(400, "body", "json", "the body is not a JSON object");
        }
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
