package io.perfsuite.router.cache.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.perfsuite.router.cache.policy.TableCatalog.Relation;
import io.perfsuite.router.consistency.ConsistencyToken;
import io.perfsuite.router.routing.Classification;
import io.perfsuite.router.routing.Route;

class CacheCoherenceTest {

    private static final TableCatalog CATALOG = new TableCatalog(List.of("public"),
            Map.of("public.accounts", new Relation("public.accounts", false, Set.of(), Set.of(), Set.of(), false),
                    "public.branches", new Relation("public.branches", false, Set.of(), Set.of(), Set.of(), false)));
    private static final Classification READ_ACCOUNTS = new Classification(Route.REPLICA, "a plain SELECT",
            Set.of("accounts"), Optional.empty(), 1, false, false);
    private static final ConsistencyToken AT_100 = ConsistencyToken.parse("1:0/100");
    private static final ConsistencyToken AT_200 = ConsistencyToken.parse("1:0/200");

    private static CacheCoherence loaded() {
        CacheCoherence coherence = new CacheCoherence(true,
                new CachePolicy(Map.of("public.branches", Duration.ofSeconds(5)), Map.of(), TableCatalog.empty()));
        coherence.replaceCatalog(CATALOG);
        coherence.catalogCovers(coherence.schemaChanges());
        return coherence;
    }

    private static CachePolicy.ReadPlan plan(CacheCoherence coherence) {
        return coherence.planRead(READ_ACCOUNTS, 30L).plan().orElseThrow();
    }

    @Test
    void shouldPlanAReadWithItsTtlAndTablesOnceTheCatalogIsLoaded() {
        CacheCoherence coherence = loaded();

        CachePolicy.ReadPlan plan = plan(coherence);

        assertThat(plan.ttl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(plan.tags()).containsExactly("public.accounts");
    }

    @Test
    void shouldNotCacheBeforeTheCatalogIsLoadedOrWhenCachingIsOff() {
        CacheCoherence empty = new CacheCoherence(true, new CachePolicy(Map.of(), Map.of(), TableCatalog.empty()));
        CacheCoherence off = new CacheCoherence(false, new CachePolicy(Map.of(), Map.of(), CATALOG));

        assertThat(empty.planRead(READ_ACCOUNTS, 30L).plan()).isEmpty();
        assertThat(off.mayCache(30L)).isFalse();
        assertThat(off.planRead(READ_ACCOUNTS, 30L).plan()).isEmpty();
    }

    @Test
    void shouldAskForACatalogReloadWhenAReadNamesATableItDoesNotHold() {
        Classification fresh = new Classification(Route.REPLICA, "a plain SELECT", Set.of("created_since"),
                Optional.empty(), 1, false, false);

        CacheCoherence.ReadChoice choice = loaded().planRead(fresh, 30L);

        assertThat(choice.plan()).isEmpty();
        assertThat(choice.unknownTable()).isTrue();
    }

    @Test
    void shouldNotStoreAResultWhoseTablesWereDroppedWhileItRan() {
        CacheCoherence coherence = loaded();
        CachePolicy.ReadPlan plan = plan(coherence);
        long before = coherence.epoch(plan.tags());

        CacheCoherence.Drop drop = coherence.afterWrite(Optional.of(Set.of("accounts")), AT_100);

        assertThat(drop.all()).isFalse();
        assertThat(drop.tags()).containsExactly("t-public.accounts");
        assertThat(coherence.mayStore(AT_200, plan, before)).isFalse();
        assertThat(coherence.mayStore(AT_200, plan, coherence.epoch(plan.tags()))).isTrue();
    }

    @Test
    void shouldNotStoreDataOlderThanAWriteThisRouterAcknowledgedOnItsTables() {
        CacheCoherence coherence = loaded();
        CachePolicy.ReadPlan plan = plan(coherence);
        coherence.afterWrite(Optional.of(Set.of("accounts")), AT_200);
        long epoch = coherence.epoch(plan.tags());

        assertThat(coherence.mayStore(AT_100, plan, epoch)).as("a lagging replica's rows").isFalse();
        assertThat(coherence.mayStore(AT_200, plan, epoch)).isTrue();
        assertThat(coherence.mayStore(ConsistencyToken.parse("2:0/10"), plan, epoch))
                .as("a later timeline has every surviving write").isTrue();
    }

    @Test
    void shouldDropEverythingWhenTheTablesWrittenAreUnknownOrTheSchemaMayHaveChanged() {
        CacheCoherence coherence = loaded();
        CachePolicy.ReadPlan plan = plan(coherence);
        long before = coherence.epoch(plan.tags());

        CacheCoherence.Drop unknown = coherence.afterWrite(Optional.empty(), AT_100);
        coherence.schemaMayHaveChanged();
        CacheCoherence.Drop afterDdl = coherence.afterWrite(Optional.of(Set.of("branches")), AT_200);

        assertThat(unknown.tags()).containsExactly(CacheCoherence.ALL_TAG);
        assertThat(afterDdl.all()).as("the catalog may be out of date").isTrue();
        assertThat(coherence.mayStore(AT_200, plan, before)).isFalse();
        assertThat(coherence.planRead(READ_ACCOUNTS, 30L).plan()).as("until the catalog is reloaded").isEmpty();
        coherence.catalogCovers(coherence.schemaChanges());
        assertThat(coherence.planRead(READ_ACCOUNTS, 30L).plan()).isPresent();
    }

    @Test
    void shouldNeitherStoreNorReadWhileSuspectUntilTrustedAgain() {
        CacheCoherence coherence = loaded();
        CachePolicy.ReadPlan plan = plan(coherence);
        long epoch = coherence.epoch(plan.tags());

        coherence.distrust();

        assertThat(coherence.suspect()).isTrue();
        assertThat(coherence.mayStore(AT_200, plan, epoch)).isFalse();
        coherence.trustAgain();
        assertThat(coherence.mayStore(AT_200, plan, epoch)).isTrue();
    }

    @Test
    void shouldFlushEverythingWhenTheCatalogChangesButNotOnItsFirstLoadOrAnEqualOne() {
        CacheCoherence coherence = new CacheCoherence(true, new CachePolicy(Map.of(), Map.of(), TableCatalog.empty()));

        assertThat(coherence.replaceCatalog(CATALOG)).isEmpty();
        assertThat(coherence.replaceCatalog(CATALOG)).isEmpty();
        TableCatalog smaller = new TableCatalog(List.of("public"), Map.of("public.accounts",
                new Relation("public.accounts", false, Set.of(), Set.of(), Set.of(), false)));
        assertThat(coherence.replaceCatalog(smaller)).hasValueSatisfying(drop -> assertThat(drop.all()).isTrue());
    }

    @Test
    void shouldHashTableNamesThatAreNotValidTags() {
        assertThat(CacheCoherence.tag("public.accounts")).isEqualTo("t-public.accounts");
        assertThat(CacheCoherence.tag("public.\"a,b\"")).startsWith("t#").hasSize(34);
        assertThat(CacheCoherence.tag("x".repeat(200))).startsWith("t#");
    }
}
