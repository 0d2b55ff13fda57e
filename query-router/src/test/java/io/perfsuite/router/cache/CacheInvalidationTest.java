package io.perfsuite.router.cache;

import static io.perfsuite.router.cache.RouterCalls.query;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.perfsuite.testsupport.PostgresCluster;
import io.perfsuite.testsupport.PostgresTestResource;
import io.perfsuite.testsupport.TestServer;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Writes that change tables their SQL does not name: triggers, cascading foreign keys, views. Replay is paused
 * before the write, so a read-your-writes read can only be answered by the cache (stale) or the primary (right).
 */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(CacheServiceTestResource.class)
class CacheInvalidationTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final AtomicInteger IDS = new AtomicInteger(5000);

    @TestServer
    PostgresCluster postgres;

    @BeforeEach
    void schema() {
        // undeclared: trig_events' trigger keeps a per-id count in trig_counts
        postgres.execute("CREATE TABLE IF NOT EXISTS trig_events (id int)");
        postgres.execute("CREATE TABLE IF NOT EXISTS trig_counts (id int PRIMARY KEY, n int)");
        postgres.execute("CREATE OR REPLACE FUNCTION count_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "INSERT INTO trig_counts VALUES (NEW.id, 1) ON CONFLICT (id) DO UPDATE SET n = trig_counts.n + 1; "
                + "RETURN NEW; END $$");
        postgres.execute("CREATE OR REPLACE TRIGGER trig_events_count AFTER INSERT ON trig_events "
                + "FOR EACH ROW EXECUTE FUNCTION count_event()");
        // declared in the test profile: declared_orders writes declared_totals
        postgres.execute("CREATE TABLE IF NOT EXISTS declared_orders (id int, amount int)");
        postgres.execute("CREATE TABLE IF NOT EXISTS declared_totals (id int PRIMARY KEY, total int)");
        postgres.execute("CREATE OR REPLACE FUNCTION add_total() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "INSERT INTO declared_totals VALUES (NEW.id, NEW.amount) ON CONFLICT (id) DO UPDATE "
                + "SET total = declared_totals.total + NEW.amount; RETURN NEW; END $$");
        postgres.execute("CREATE OR REPLACE TRIGGER declared_orders_total AFTER INSERT ON declared_orders "
                + "FOR EACH ROW EXECUTE FUNCTION add_total()");
        postgres.execute("CREATE TABLE IF NOT EXISTS bystander (id int PRIMARY KEY, v text)");
        // a cascading foreign key and a view
        postgres.execute("CREATE TABLE IF NOT EXISTS fk_parent (id int PRIMARY KEY)");
        postgres.execute("CREATE TABLE IF NOT EXISTS fk_child (id serial PRIMARY KEY, "
                + "parent_id int REFERENCES fk_parent ON DELETE CASCADE)");
        postgres.execute("CREATE TABLE IF NOT EXISTS view_base (id int PRIMARY KEY, price int)");
        postgres.execute("CREATE OR REPLACE VIEW priced AS SELECT id, price * 2 AS doubled FROM view_base");
        // once a read of the last relation created is cached, the router's catalog holds all of them: no later
        // reload finds a change (which would drop every entry in the middle of a test)
        awaitCached(cached("SELECT doubled FROM priced WHERE id = $1", -1));
    }

    @AfterEach
    void restore() {
        postgres.resumeReplay();
    }

    private static Map<String, Object> cached(String sql, int id) {
        return Map.of("sql", sql, "params", List.of(id), "cacheTtl", 60);
    }

    private static Map<String, Object> cachedAfter(String sql, int id, String token) {
        return Map.of("sql", sql, "params", List.of(id), "cacheTtl", 60, "consistency", "read-your-writes",
                "consistencyToken", token);
    }

    private static String write(String sql, Object... params) {
        return query(RouterCalls.WRITER, Map.of("sql", sql, "params", List.of(params))).statusCode(200)
                .extract().path("consistencyToken");
    }

    private static void awaitCached(Map<String, Object> read) {
        query(RouterCalls.READER, read).statusCode(200);
        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER, read).statusCode(200)
                .body("cached", equalTo(true)));
    }

    @Test
    void shouldDropEveryCachedResultWhenAWriteFiresAnUndeclaredTrigger() {
        int id = IDS.incrementAndGet();
        write("INSERT INTO trig_events VALUES ($1)", id);
        write("INSERT INTO bystander VALUES ($1, 'b')", id);
        postgres.awaitReplicaCaughtUp(BOUND);
        String counts = "SELECT n FROM trig_counts WHERE id = $1";
        awaitCached(cached(counts, id));
        awaitCached(cached("SELECT v FROM bystander WHERE id = $1", id));

        postgres.pauseReplay();
        String token = write("INSERT INTO trig_events VALUES ($1)", id);

        // without a token only the invalidation keeps the old entry from answering
        query(RouterCalls.READER, cached(counts, id)).statusCode(200).body("cached", equalTo(false));
        query(RouterCalls.READER, cachedAfter(counts, id, token)).statusCode(200)
                .body("cached", equalTo(false)).body("rows[0][0]", equalTo(2));
        // the trigger could have written anything, so unrelated entries went too
        query(RouterCalls.READER, cached("SELECT v FROM bystander WHERE id = $1", id)).statusCode(200)
                .body("cached", equalTo(false));
    }

    @Test
    void shouldDropOnlyTheDeclaredTablesWhenTheTriggerIsDeclared() {
        int id = IDS.incrementAndGet();
        write("INSERT INTO declared_orders VALUES ($1, 5)", id);
        write("INSERT INTO bystander VALUES ($1, 'b')", id);
        postgres.awaitReplicaCaughtUp(BOUND);
        String totals = "SELECT total FROM declared_totals WHERE id = $1";
        awaitCached(cached(totals, id));
        awaitCached(cached("SELECT v FROM bystander WHERE id = $1", id));

        postgres.pauseReplay();
        String token = write("INSERT INTO declared_orders VALUES ($1, 7)", id);

        // without a token only the invalidation keeps the old entry from answering
        query(RouterCalls.READER, cached(totals, id)).statusCode(200).body("cached", equalTo(false));
        query(RouterCalls.READER, cachedAfter(totals, id, token)).statusCode(200)
                .body("cached", equalTo(false)).body("rows[0][0]", equalTo(12));
        query(RouterCalls.READER, cached("SELECT v FROM bystander WHERE id = $1", id)).statusCode(200)
                .body("cached", equalTo(true));
    }

    @Test
    void shouldDropCachedChildRowsWhenADeleteCascadesToThem() {
        int id = IDS.incrementAndGet();
        write("INSERT INTO fk_parent VALUES ($1)", id);
        write("INSERT INTO fk_child (parent_id) VALUES ($1)", id);
        postgres.awaitReplicaCaughtUp(BOUND);
        String children = "SELECT count(*)::int FROM fk_child WHERE parent_id = $1";
        awaitCached(cached(children, id));

        postgres.pauseReplay();
        String token = write("DELETE FROM fk_parent WHERE id = $1", id);

        // without a token only the invalidation keeps the old entry from answering
        query(RouterCalls.READER, cached(children, id)).statusCode(200).body("cached", equalTo(false));
        query(RouterCalls.READER, cachedAfter(children, id, token)).statusCode(200)
                .body("cached", equalTo(false)).body("rows[0][0]", equalTo(0));
    }

    @Test
    void shouldDropACachedViewResultWhenTheTableUnderItIsWritten() {
        int id = IDS.incrementAndGet();
        write("INSERT INTO view_base VALUES ($1, 10)", id);
        postgres.awaitReplicaCaughtUp(BOUND);
        String view = "SELECT doubled FROM priced WHERE id = $1";
        awaitCached(cached(view, id));

        postgres.pauseReplay();
        String token = write("UPDATE view_base SET price = 11 WHERE id = $1", id);

        // without a token only the invalidation keeps the old entry from answering
        query(RouterCalls.READER, cached(view, id)).statusCode(200).body("cached", equalTo(false));
        query(RouterCalls.READER, cachedAfter(view, id, token)).statusCode(200)
                .body("cached", equalTo(false)).body("rows[0][0]", equalTo(22));
    }
}
