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

/** Table rules from the test profile: public.ruled_products and public.ruled_prices, 30 s each. */
@QuarkusTest
@WithTestResource(PostgresTestResource.class)
@WithTestResource(CacheServiceTestResource.class)
class CacheTableRulesTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final AtomicInteger IDS = new AtomicInteger(1000);

    @TestServer
    PostgresCluster postgres;

    @BeforeEach
    void schema() {
        postgres.execute("CREATE TABLE IF NOT EXISTS ruled_products (id int PRIMARY KEY, name text)");
        postgres.execute("CREATE TABLE IF NOT EXISTS unruled_stock (id int PRIMARY KEY, amount int)");
    }

    @AfterEach
    void restore() {
        postgres.resumeReplay();
    }

    private static Map<String, Object> read(String sql, int id) {
        return Map.of("sql", sql, "params", List.of(id));
    }

    private static String write(String sql, Object... params) {
        return query(RouterCalls.WRITER, Map.of("sql", sql, "params", List.of(params))).statusCode(200)
                .extract().path("consistencyToken");
    }

    @Test
    void shouldCacheAReadOfATableWhoseRuleIsUnderASecond() {
        // ruled at 800ms in the test profile: sent as 0s, cache-service refused every store of it
        postgres.execute("CREATE TABLE IF NOT EXISTS brief_quotes (id int PRIMARY KEY, price int)");
        int id = IDS.incrementAndGet();
        write("INSERT INTO brief_quotes VALUES ($1, 7)", id);
        postgres.awaitReplicaCaughtUp(BOUND);

        await().atMost(BOUND).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> query(RouterCalls.READER,
                read("SELECT price FROM brief_quotes WHERE id = $1", id)).statusCode(200)
                .body("cached", equalTo(true)).body("rows[0][0]", equalTo(7)));
    }

    @Test
    void shouldCacheAReadOfARuledTableWithoutACacheTtlInTheRequest() {
        int id = IDS.incrementAndGet();
        write("INSERT INTO ruled_products VALUES ($1, 'lamp')", id);
        postgres.awaitReplicaCaughtUp(BOUND);

        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER,
                read("SELECT name FROM ruled_products WHERE id = $1", id)).statusCode(200)
                .body("cached", equalTo(true)).body("rows[0][0]", equalTo("lamp")));
    }

    @Test
    void shouldNotCacheAReadThatAlsoTouchesATableWithoutARule() {
        int id = IDS.incrementAndGet();
        write("INSERT INTO ruled_products VALUES ($1, 'desk')", id);
        write("INSERT INTO unruled_stock VALUES ($1, 3)", id);
        postgres.awaitReplicaCaughtUp(BOUND);
        String join = "SELECT p.name, s.amount FROM ruled_products p JOIN unruled_stock s ON s.id = p.id WHERE p.id = $1";
        query(RouterCalls.READER, read(join, id)).statusCode(200).body("cached", equalTo(false));
        // by the time a ruled read made after it is cached, a store of the join would have landed too
        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER,
                read("SELECT name FROM ruled_products WHERE id = $1", id)).statusCode(200).body("cached", equalTo(true)));

        query(RouterCalls.READER, read(join, id)).statusCode(200).body("cached", equalTo(false))
                .body("rows[0][1]", equalTo(3));
        // opting in per request still caches it
        Map<String, Object> optedIn = Map.of("sql", join, "params", List.of(id), "cacheTtl", 60);
        query(RouterCalls.READER, optedIn).statusCode(200);
        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER, optedIn).statusCode(200)
                .body("cached", equalTo(true)));
    }

    @Test
    void shouldNotCacheARuledReadWhoseRequestOptsOutWithAZeroTtl() {
        int id = IDS.incrementAndGet();
        write("INSERT INTO ruled_products VALUES ($1, 'chair')", id);
        postgres.awaitReplicaCaughtUp(BOUND);
        Map<String, Object> optedOut = Map.of("sql", "SELECT name FROM ruled_products WHERE id = $1",
                "params", List.of(id), "cacheTtl", 0);
        query(RouterCalls.READER, optedOut).statusCode(200);
        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER,
                read("SELECT id, name FROM ruled_products WHERE id = $1", id)).statusCode(200)
                .body("cached", equalTo(true)));

        query(RouterCalls.READER, optedOut).statusCode(200).body("cached", equalTo(false));
    }

    @Test
    void shouldDropAResultReadUnqualifiedWhenTheWriteNamesTheSchema() {
        int id = IDS.incrementAndGet();
        write("INSERT INTO ruled_products VALUES ($1, 'old')", id);
        postgres.awaitReplicaCaughtUp(BOUND);
        await().atMost(BOUND).untilAsserted(() -> query(RouterCalls.READER,
                read("SELECT name FROM ruled_products WHERE id = $1", id)).statusCode(200)
                .body("cached", equalTo(true)));

        postgres.pauseReplay();
        String token = write("UPDATE public.ruled_products SET name = 'new' WHERE id = $1", id);

        query(RouterCalls.READER, read("SELECT name FROM ruled_products WHERE id = $1", id)).statusCode(200)
                .body("cached", equalTo(false));
        query(RouterCalls.READER, Map.of("sql", "SELECT name FROM ruled_products WHERE id = $1", "params", List.of(id),
                "consistency", "read-your-writes", "consistencyToken", token)).statusCode(200)
                .body("cached", equalTo(false)).body("routedTo", equalTo("primary")).body("rows[0][0]", equalTo("new"));
    }
}
