package io.perfsuite.loadbalancer.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.perfsuite.loadbalancer.route.StrategyCatalog;
import io.perfsuite.loadbalancer.route.Topology;
import io.perfsuite.loadbalancer.route.TopologyStore;
import io.vertx.core.Vertx;

/**
 * The routing configuration in force, from {@code lb.config-file} when there is one (else from {@code lb.backends}),
 * and its reloads. The file is polled: a change that parses and validates replaces the topology without touching
 * open connections; one that does not is logged with its file, field and rule, and the old topology stays.
 */
@ApplicationScoped
public class RoutingFile {

    private static final Logger LOG = Logger.getLogger(RoutingFile.class);

    private final LoadBalancerConfig config;
    private final TopologyStore store;
    private final Vertx vertx;
    private String lastSeen;
    private long timer = -1;

    RoutingFile(LoadBalancerConfig config, Clock clock, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
        ProxySettings initial;
        if (config.configFile().isPresent()) {
            Path file = config.configFile().get();
            try {
                lastSeen = read(file);
                initial = ProxyConfigFile.parse(file.toString(), lastSeen, config.backends());
            } catch (InvalidConfigException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        } else {
            initial = ProxySettings.singlePool(config.backends());
            initial = withHealthCheck(initial, config.healthCheck());
        }
        this.store = new TopologyStore(initial, clock, StrategyCatalog.PER_THREAD_RANDOM);
        if (config.configFile().isPresent()) {
            long interval = Math.max(10, config.configReloadInterval().toMillis());
            timer = vertx.setPeriodic(interval, id -> vertx.executeBlocking(() -> {
                reloadIfChanged();
                return null;
            }, false));
        }
    }

    /** The single-pool setup probes with the lb.health-check settings. */
    private static ProxySettings withHealthCheck(ProxySettings settings, LoadBalancerConfig.HealthCheck check) {
        ProxySettings.PoolSettings pool = settings.pools().get(0);
        ProxySettings.PoolSettings probed = new ProxySettings.PoolSettings(pool.name(), pool.strategy(), pool.hashKey(),
                pool.sticky(), pool.backends(), pool.kubernetes(), new ProxySettings.HealthCheckSettings(check.path(),
                        check.interval(), check.timeout(), 200),
                pool.policy(), pool.timeouts());
        return new ProxySettings(List.of(probed), settings.routes());
    }

    public Topology topology() {
        return store.current();
    }

    public TopologyStore store() {
        return store;
    }

    public boolean fromFile() {
        return config.configFile().isPresent();
    }

    /**
     * Reads and applies the file now (the admin API's reload).
     *
     * @throws InvalidConfigException when the file is refused; the topology in force is unchanged
     */
    public synchronized Topology reload() throws InvalidConfigException {
        if (config.configFile().isEmpty()) {
            return store.current();
        }
        Path file = config.configFile().get();
        String text = read(file);
        lastSeen = text;
        return store.apply(ProxyConfigFile.parse(file.toString(), text, config.backends()));
    }

    private synchronized void reloadIfChanged() {
        Path file = config.configFile().get();
        String text;
        try {
            text = read(file);
        } catch (InvalidConfigException e) {
            if (lastSeen != null) {
                LOG.warn(e.getMessage() + "; the configuration in force stays");
            }
            lastSeen = null;
            return;
        }
        if (text.equals(lastSeen)) {
            return;
        }
        lastSeen = text;
        try {
            Topology applied = store.apply(ProxyConfigFile.parse(file.toString(), text, config.backends()));
            LOG.infof("reloaded %s: generation %d, %d pools, %d routes", file, applied.generation(),
                    applied.pools().size(), applied.routes().routes().size());
        } catch (InvalidConfigException e) {
            LOG.warn(e.getMessage() + "; the configuration in force stays");
        }
    }

    private static String read(Path file) throws InvalidConfigException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConfigException(file.toString(),
                    List.of(new ConfigError("(file)", "readable", "cannot be read: " + e)));
        }
    }

    @PreDestroy
    void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }
}
