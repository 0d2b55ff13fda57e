package io.perfsuite.loadbalancer.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.perfsuite.loadbalancer.strategy.PeakEwmaStrategy;
import io.perfsuite.loadbalancer.strategy.RequestAttributes;
import io.perfsuite.testsupport.MutableClock;

/** What the proxy's event loops do at once: choose, lease and end from several threads. */
class EndpointConcurrencyTest {

    private static final int THREADS = 4;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static List<EndpointSpec> specs(int count) {
        List<EndpointSpec> specs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            specs.add(EndpointSpec.of("http://10.0.0." + i + ":8080", 1));
        }
        return specs;
    }

    private static void onThreads(Runnable work) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier start = new CyclicBarrier(THREADS);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    work.run();
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void shouldCountEveryLeaseBackToZeroUnderConcurrentUse() throws Exception {
        Pool pool = new Pool("api", new PeakEwmaStrategy(new Random(1)), PoolPolicy.DEFAULT, clock, specs(4));

        onThreads(() -> {
            for (int i = 0; i < 20_000; i++) {
                Lease lease = pool.choose(RequestAttributes.empty(), Set.of()).endpoint().begin();
                switch (i % 4) {
                    case 0 -> lease.success(200, 2_000_000);
                    case 1 -> lease.cancel();
                    case 2 -> {
                        // every completion path firing: counted once
                        lease.success(200, 1_000_000);
                        lease.cancel();
                    }
                    default -> lease.success(404, 3_000_000);
                }
            }
        });

        assertThat(pool.endpoints()).allSatisfy(endpoint -> assertThat(endpoint.inFlight()).isZero());
    }

    @Test
    void shouldNeverEjectMoreThanTheMaxShareUnderConcurrentFailures() throws Exception {
        Pool pool = new Pool("api", new PeakEwmaStrategy(new Random(2)), PoolPolicy.DEFAULT, clock, specs(20));

        onThreads(() -> {
            for (int i = 0; i < 2_000; i++) {
                for (Endpoint endpoint : pool.endpoints()) {
                    endpoint.begin().success(500, 1_000_000);
                }
            }
        });

        assertThat(pool.endpoints().stream().filter(Endpoint::ejected)).hasSize(2);
    }
}
