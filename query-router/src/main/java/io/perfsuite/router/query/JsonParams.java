package io.perfsuite.router.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.perfsuite.router.problem.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Binds JSON values to $1..$n: numbers as int/long/numeric, strings, booleans, null, objects as jsonb, and arrays of
 * one scalar kind as PostgreSQL arrays. PostgreSQL infers each parameter's type from the statement; a value that
 * does not fit is reported against its position.
 */
final class JsonParams {

    private JsonParams() {
    }

    static Tuple tuple(List<Object> params, String field) {
        return bind(values(params, field));
    }

    /** The values to bind, checked and converted; a value that does not fit is refused against its position. */
    static List<Object> values(List<Object> params, String field) {
        if (params == null || params.isEmpty()) {
            return List.of();
        }
        // a JSON null is a value to bind, which List.of cannot hold
        List<Object> values = new ArrayList<>(params.size());
        for (int i = 0; i < params.size(); i++) {
            values.add(value(params.get(i), field + "[" + i + "]"));
        }
        return Collections.unmodifiableList(values);
    }

    /** Values already checked by {@link #values}, as the tuple the SQL client binds. */
    static Tuple bind(List<Object> values) {
        Tuple tuple = Tuple.tuple();
        values.forEach(tuple::addValue);
        return tuple;
    }

    private static Object value(Object value, String field) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Double || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) map;
            return new JsonObject(object);
        }
        if (value instanceof List<?> list) {
            return array(list, field);
        }
        throw ProblemException.invalid(field, "type", field + " has an unsupported JSON type");
    }

    private static Object array(List<?> list, String field) {
        if (list.stream().allMatch(v -> v == null || v instanceof Integer)) {
            return list.toArray(new Integer[0]);
        }
        if (list.stream().allMatch(v -> v == null || v instanceof Integer || v instanceof Long)) {
            return list.stream().map(v -> v == null ? null : ((Number) v).longValue()).toArray(Long[]::new);
        }
        if (list.stream().allMatch(v -> v == null || v instanceof Number)) {
            return list.stream().map(v -> v == null ? null : new BigDecimal(v.toString())).toArray(BigDecimal[]::new);
        }
        if (list.stream().allMatch(v -> v == null || v instanceof String)) {
            return list.toArray(new String[0]);
        }
        if (list.stream().allMatch(v -> v == null || v instanceof Boolean)) {
            return list.toArray(new Boolean[0]);
        }
        if (list.stream().allMatch(v -> v == null || v instanceof Map || v instanceof List)) {
            return new JsonArray(new ArrayList<>(list));
        }
        throw ProblemException.invalid(field, "type", field + " mixes JSON types; arrays must hold one kind of value");
    }
}
