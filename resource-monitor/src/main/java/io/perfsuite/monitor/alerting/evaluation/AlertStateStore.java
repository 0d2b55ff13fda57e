package io.perfsuite.monitor.alerting.evaluation;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsuite.monitor.alerting.Alert;
import io.perfsuite.monitor.config.MonitorConfig;
import io.quarkus.redis.datasource.RedisDataSource;

/**
 * Saves the alert states in Redis after each evaluation and reads them back at start-up, so a restart neither
 * re-waits {@code for} (firing stays firing) nor mistakes a firing alert for a resolved one. Without Redis the monitor
 * keeps evaluating; only this durability is lost until Redis returns.
 */
@ApplicationScoped
public class AlertStateStore {

    private static final Logger LOG = Logger.getLogger(AlertStateStore.class);
    private static final TypeReference<Map<String, List<Alert>>> TYPE = new TypeReference<>() {
    };

    private final RedisDataSource redis;
    private final ObjectMapper json;
    private final String key;

    AlertStateStore(RedisDataSource redis, ObjectMapper json, MonitorConfig config) {
        this.redis = redis;
        this.json = json;
        this.key = config.notifications().delivery().keyPrefix() + "alerts";
    }

    public void save(Map<String, List<Alert>> alerts) {
        try {
            redis.value(String.class).set(key, json.writeValueAsString(alerts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert states are plain records", e);
        } catch (RuntimeException e) {
            LOG.warnf("alert states not saved (Redis unavailable?): %s", e.getMessage());
        }
    }

    public Map<String, List<Alert>> load() {
        try {
            String text = redis.value(String.class).get(key);
            return text == null ? Map.of() : json.readValue(text, TYPE);
        } catch (JsonProcessingException e) {
            LOG.errorf("saved alert states unreadable, starting without them: %s", e.getMessage());
            return Map.of();
        } catch (RuntimeException e) {
            LOG.warnf("saved alert states not read (Redis unavailable?): %s", e.getMessage());
            return Map.of();
        }
    }
}
