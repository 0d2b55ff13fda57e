package io.perfsuite.router.query;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.data.Numeric;
import io.vertx.sqlclient.desc.ColumnDescriptor;

/** Turns a Vert.x row set into JSON-ready columns and rows. */
final class ResultRows {

    private ResultRows() {
    }

    static List<QueryResult.Column> columns(List<ColumnDescriptor> descriptors) {
        // null for statements that return no rows (INSERT without RETURNING, SET LOCAL...)
        if (descriptors == null) {
            return List.of();
        }
        List<QueryResult.Column> columns = new ArrayList<>(descriptors.size());
        for (ColumnDescriptor descriptor : descriptors) {
            columns.add(new QueryResult.Column(descriptor.name(), typeName(descriptor)));
        }
        return columns;
    }

    static List<List<Object>> rows(RowSet<Row> rows) {
        List<List<Object>> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(values(row));
        }
        return out;
    }

    static List<Object> values(Row row) {
        List<Object> values = new ArrayList<>(row.size());
        for (int i = 0; i < row.size(); i++) {
            values.add(json(row.getValue(i)));
        }
        return values;
    }

    private static String typeName(ColumnDescriptor descriptor) {
        String name = descriptor.typeName();
        return name == null ? "unknown" : name.toLowerCase(Locale.ROOT);
    }

    static Object json(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Double || value instanceof Float
                || value instanceof BigDecimal) {
            return value;
        }
        if (value instanceof Numeric numeric) {
            return numeric.isNaN() ? "NaN" : numeric.bigDecimalValue();
        }
        if (value instanceof JsonObject object) {
            return object.getMap();
        }
        if (value instanceof JsonArray array) {
            return array.getList();
        }
        if (value instanceof Buffer buffer) {
            return Base64.getEncoder().encodeToString(buffer.getBytes());
        }
        if (value instanceof Temporal) {
            return value.toString();
        }
        if (value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> list = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                list.add(json(Array.get(value, i)));
            }
            return list;
        }
        return value.toString();
    }
}
