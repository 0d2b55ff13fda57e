package io.perfsuite.cache.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {

    private static final int CALLERS = 200;
    private final SingleFlight<String, String> flight = new SingleFlight<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(CALLERS);

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Starts CALLERS threads that call load at once; returns their futures once all have called. */
    private List<CompletableFuture<String>> stampede(CompletableFuture<String> origin, AtomicInteger loaderCalls)
            throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch called = new CountDownLatch(CALLERS);
        ConcurrentLinkedQueue<CompletableFuture<String>> futures = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < CALLERS; i++) {
            pool.execute(() -> {
                try {
                    start.await();
                    futures.add(flight.load("hot", () -> {
                        loaderCalls.incrementAndGet();
                        return origin;
                    }));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    called.countDown();
                }
            });
        }
        start.countDown();
        assertThat(called.await(30, TimeUnit.SECONDS)).isTrue();
        return new ArrayList<>(futures);
    }

    @Test
    void shouldCallLoaderOnceForConcurrentCallersOfOneKey() throws Exception {
        CompletableFuture<String> origin = new CompletableFuture<>();
        AtomicInteger loaderCalls = new AtomicInteger();

        List<CompletableFuture<String>> futures = stampede(origin, loaderCalls);
        assertThat(flight.inFlight()).isEqualTo(1);
        origin.complete("value");

        assertThat(futures).hasSize(CALLERS);
        assertThat(futures).allSatisfy(f -> assertThat(f.get(5, TimeUnit.SECONDS)).isEqualTo("value"));
        assertThat(loaderCalls).hasValue(1);
        assertThat(flight.loads()).isEqualTo(1);
        assertThat(flight.coalesced()).isEqualTo(CALLERS - 1);
        assertThat(flight.inFlight()).isZero();
    }

    @Test
    void shouldPropagateFailureToAllWaitersAndLoadAgainNextTime() throws Exception {
        CompletableFuture<String> origin = new CompletableFuture<>();
        AtomicInteger loaderCalls = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException("origin down");

        List<CompletableFuture<String>> futures = stampede(origin, loaderCalls);
        origin.completeExceptionally(boom);

        assertThat(futures).hasSize(CALLERS).allSatisfy(f -> assertThatThrownBy(f::join)
                .isInstanceOf(CompletionException.class).hasCause(boom));
        assertThat(loaderCalls).hasValue(1);
        assertThat(flight.load("hot", () -> CompletableFuture.completedFuture("recovered")).join())
                .isEqualTo("recovered");
        assertThat(flight.loads()).isEqualTo(2);
    }

    @Test
    void shouldReleaseKeyWhenLoaderThrowsSynchronously() {
        CompletableFuture<String> failed = flight.load("k", () -> {
            throw new IllegalArgumentException("bad key");
        });

        assertThatThrownBy(failed::join).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(flight.inFlight()).isZero();
        assertThat(flight.load("k", () -> CompletableFuture.completedFuture("ok")).join()).isEqualTo("ok");
    }

    @Test
    void shouldTreatNullFromLoaderAsFailureAndReleaseKey() {
        assertThatThrownBy(flight.load("k", () -> null)::join).hasCauseInstanceOf(NullPointerException.class);
        assertThat(flight.inFlight()).isZero();
    }

    @Test
    void shouldLoadDifferentKeysIndependently() {
        CompletableFuture<String> a = new CompletableFuture<>();
        CompletableFuture<String> b = new CompletableFuture<>();

        CompletableFuture<String> fa = flight.load("a", () -> a);
        CompletableFuture<String> fb = flight.load("b", () -> b);
        b.complete("B");

        assertThat(fb.join()).isEqualTo("B");
        assertThat(fa).isNotDone();
        assertThat(flight.loads()).isEqualTo(2);
        assertThat(flight.coalesced()).isZero();
    }

    @Test
    void shouldStartFreshLoadFromCallbackOfCompletedOne() {
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> again = flight.load("k", () -> first)
                .thenCompose(v -> flight.load("k", () -> CompletableFuture.completedFuture(v + "-reloaded")));

        first.complete("v1");

        assertThat(again.join()).isEqualTo("v1-reloaded");
        assertThat(flight.loads()).isEqualTo(2);
    }

    @Test
    void shouldNotLetOneCallerCancellingAffectOthers() {
        CompletableFuture<String> origin = new CompletableFuture<>();
        CompletableFuture<String> impatient = flight.load("k", () -> origin);
        CompletableFuture<String> patient = flight.load("k", () -> origin);

        impatient.cancel(true);
        origin.complete("value");

        assertThat(patient.join()).isEqualTo("value");
        assertThat(flight.inFlight()).isZero();
    }
}
