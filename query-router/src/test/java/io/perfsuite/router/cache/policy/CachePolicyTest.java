package io.perfsuite.router.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.router.cache.policy.TableCatalog.Relation;

class CachePolicyTest {

    private static final Map<String, Duration> RULES = Map.of("public.products", Duration.ofSeconds(30),
            "public.prices", Duration.ofSeconds(10), "public.product_view", Duration.ofSeconds(20));

    private static Relation table(String name) {
        return new Relation(name, false, Set.of(), Set.of(), Set.of(), false);
    }

    private static TableCatalog catalog(Relation... relations) {
        Map<String, Relation> byName = new HashMap<>();
        for (Relation relation : relations) {
            byName.put(relation.name(), relation);
        }
        return new TableCatalog(List.of("pg_catalog", "public"), byName);
    }

    private static final TableCatalog CATALOG = catalog(table("public.products"), table("public.prices"),
            table("public.stock"), table("audit.products"),
            new Relation("public.product_view", true, Set.of("public.products", "public.prices"), Set.of(), Set.of(),
                    false),
            // orders has a trigger writing order_totals; items cascade from orders
            new Relation("public.orders", false, Set.of(), Set.of(), Set.of("public.items"), true),
            table("public.items"), table("public.order_totals"),
            // a partitioned table and two partitions
            new Relation("public.events", false, Set.of(), Set.of("public.events_2025", "public.events_2026"), Set.of(),
                    false),
            new Relation("public.events_2025", false, Set.of(), Set.of("public.events"), Set.of(), false),
            new Relation("public.events_2026", false, Set.of(), Set.of("public.events"), Set.of(), false));

    private final CachePolicy policy = new CachePolicy(RULES, Map.of(), CATALOG);

    @Test
    void shouldCacheAReadOfRuledTablesForTheShortestTtlAmongThem() {
        Optional<CachePolicy.ReadPlan> plan = policy.read(Set.of("products", "public.prices"), Optional.empty());

        assertThat(plan).isPresent();
        assertThat(plan.get().ttl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(plan.get().tags()).containsExactlyInAnyOrder("public.products", "public.prices");
    }

    @Test
    void shouldNotCacheAReadTouchingATableWithoutARuleUnlessTheRequestOptsIn() {
        assertThat(policy.read(Set.of("products", "stock"), Optional.empty())).isEmpty();

        assertThat(policy.read(Set.of("products", "stock"), Optional.of(Duration.ofSeconds(5))))
                .hasValueSatisfying(plan -> assertThat(plan.ttl()).isEqualTo(Duration.ofSeconds(5)));
    }

    @Test
    void shouldLetTheRequestTtlWinOverTableRules() {
        assertThat(policy.read(Set.of("products"), Optional.of(Duration.ofSeconds(300))))
                .hasValueSatisfying(plan -> assertThat(plan.ttl()).isEqualTo(Duration.ofSeconds(300)));
    }

    @Test
    void shouldNotCacheAReadOfATableTheCatalogDoesNotKnow() {
        assertThat(policy.read(Set.of("products", "created_a_second_ago"), Optional.of(Duration.ofSeconds(5))))
                .isEmpty();
        assertThat(new CachePolicy(RULES, Map.of(), TableCatalog.empty()).read(Set.of("products"), Optional.empty()))
                .isEmpty();
    }

    @Test
    void shouldResolveUnqualifiedAndQualifiedNamesToTheSameTag() {
        Set<String> readTags = policy.read(Set.of("products"), Optional.of(Duration.ofSeconds(5))).orElseThrow().tags();
        CachePolicy.Invalidation write = policy.write(Optional.of(Set.of("public.products")));

        assertThat(write.all()).isFalse();
        assertThat(write.tags()).containsAll(readTags);
        // another schema's table of the same name is another relation
        assertThat(policy.write(Optional.of(Set.of("audit.products"))).tags()).doesNotContain("public.products");
    }

    @Test
    void shouldTagAViewReadWithTheTablesUnderItSoWritesToThemDropIt() {
        CachePolicy.ReadPlan plan = policy.read(Set.of("product_view"), Optional.empty()).orElseThrow();

        assertThat(plan.tags()).contains("public.product_view", "public.products", "public.prices");
        assertThat(plan.ttl()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void shouldDropEverythingWhenAWrittenTableHasAnUndeclaredTrigger() {
        CachePolicy.Invalidation write = policy.write(Optional.of(Set.of("orders")));

        assertThat(write.all()).isTrue();
        assertThat(write.reason()).contains("public.orders", "router.cache.invalidation-dependencies");
    }

    @Test
    void shouldDropDeclaredTablesAndCascadedOnesWhenTheTriggerIsDeclared() {
        CachePolicy declared = new CachePolicy(RULES, Map.of("public.orders", Set.of("public.order_totals")), CATALOG);

        CachePolicy.Invalidation write = declared.write(Optional.of(Set.of("orders")));

        assertThat(write.all()).isFalse();
        assertThat(write.tags()).containsExactlyInAnyOrder("public.orders", "public.order_totals", "public.items");
    }

    @Test
    void shouldDropTheWholePartitionTreeOnAWriteToOnePartitionOrTheParent() {
        assertThat(policy.write(Optional.of(Set.of("events_2026"))).tags())
                .contains("public.events", "public.events_2025", "public.events_2026");
        assertThat(policy.write(Optional.of(Set.of("events"))).tags()).contains("public.events_2025");
    }

    @Test
    void shouldDropEverythingWhenTheWrittenTablesAreUnknown() {
        assertThat(policy.write(Optional.empty()).all()).isTrue();
        assertThat(policy.write(Optional.of(Set.of("not_in_snapshot"))).all()).isTrue();
    }

    @Test
    void shouldDropTheTablesUnderAViewWrittenThrough() {
        assertThat(policy.write(Optional.of(Set.of("product_view"))).tags())
                .contains("public.products", "public.prices");
    }
}
