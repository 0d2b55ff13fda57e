package io.perfsuite.monitor.notification.delivery;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.perfsuite.monitor.config.MonitorConfig;
import io.perfsuite.monitor.notification.Silence;
import io.quarkus.redis.datasource.RedisDataSource;

/** Silences in a Redis hash, shared by every monitor instance and kept across restarts. */
@ApplicationScoped
public class SilenceStore {

    private final RedisDataSource redis;
    private final ObjectMapper json;
    private final String key;

    SilenceStore(RedisDataSource redis, ObjectMapper json, MonitorConfig config) {
        this.redis = redis;
        this.json = json;
        this.key = config.notifications().delivery().keyPrefix() + "silences";
    }

    public void put(Silence silence) {
        redis.hash(String.class).hset(key, silence.id(), write(silence));
    }

    public Optional<Silence> get(String id) {
        return Optional.ofNullable(redis.hash(String.class).hget(key, id)).map(this::read);
    }

    public List<Silence> all() {
        Map<String, String> raw = redis.hash(String.class).hgetall(key);
        List<Silence> out = new ArrayList<>();
        raw.values().forEach(v -> out.add(read(v)));
        out.sort(Comparator.comparing(Silence::startsAt).thenComparing(Silence::id));
        return out;
    }

    private String write(Silence silence) {
        try {
            return json.writeValueAsString(silence);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Silence read(String text) {
        try {
            return json.readValue(text, Silence.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable silence in Redis: " + e.getMessage(), e);
        }
    }
}
