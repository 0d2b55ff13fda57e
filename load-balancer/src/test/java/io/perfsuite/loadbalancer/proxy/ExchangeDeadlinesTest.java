package io.perfsuite.loadbalancer.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

/** The loop's deadline lanes on an injected nanosecond clock; each check runs on the loop, as the proxy's do. */
class ExchangeDeadlinesTest {

    private static final long MS = 1_000_000;

    private Vertx vertx;
    private ContextInternal loop;
    private final AtomicLong now = new AtomicLong(1_000 * MS);
    private ExchangeDeadlines deadlines;
    private OnLoop onLoop;
    private final List<String> expired = new ArrayList<>();

    private final class Named extends ExchangeDeadlines.Entry {
        final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        void expired() {
            expired.add(name);
        }
    }

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        loop = (ContextInternal) vertx.getOrCreateContext();
        deadlines = new ExchangeDeadlines(loop, now::get);
        onLoop = new OnLoop(loop);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void shouldExpireOnlyTheEntriesThatAreDueWhateverTheirTimeout() throws Exception {
        Named request = new Named("request-400");
        Named idle = new Named("idle-300");
        Named later = new Named("request-400-later");
        onLoop.run(() -> {
            deadlines.arm(request, 400 * MS);
            deadlines.arm(idle, 300 * MS);
            now.addAndGet(50 * MS);
            deadlines.arm(later, 400 * MS);
            now.addAndGet(350 * MS);
            deadlines.tick();
        });

        assertThat(expired).containsExactlyInAnyOrder("request-400", "idle-300");
        assertThat(onLoop.call(() -> deadlines.armed())).isEqualTo(1);
        onLoop.run(() -> {
            now.addAndGet(50 * MS);
            deadlines.tick();
        });
        assertThat(expired).containsExactlyInAnyOrder("request-400", "idle-300", "request-400-later");
    }

    @Test
    void shouldMoveATouchedDeadlineForward() throws Exception {
        Named streaming = new Named("streaming");
        onLoop.run(() -> {
            deadlines.arm(streaming, 300 * MS);
            now.addAndGet(200 * MS);
            deadlines.touch(streaming);
            now.addAndGet(200 * MS);
            deadlines.tick();
        });
        assertThat(expired).isEmpty();

        onLoop.run(() -> {
            now.addAndGet(100 * MS);
            deadlines.tick();
        });
        assertThat(expired).containsExactly("streaming");
    }

    @Test
    void shouldNeverExpireADisarmedEntryAndStopTickingWhenNothingIsArmed() throws Exception {
        Named done = new Named("done");
        Named replaced = new Named("replaced");
        onLoop.run(() -> {
            deadlines.arm(done, 300 * MS);
            deadlines.arm(replaced, 300 * MS);
            // the head arrived: the request timeout gives way to the idle timeout
            deadlines.arm(replaced, 5_000 * MS);
            deadlines.disarm(done);
        });
        assertThat(onLoop.call(() -> deadlines.ticking())).isTrue();

        onLoop.run(() -> {
            now.addAndGet(1_000 * MS);
            deadlines.tick();
            deadlines.disarm(replaced);
            deadlines.tick();
        });

        assertThat(expired).isEmpty();
        assertThat(onLoop.call(() -> deadlines.armed())).isZero();
        assertThat(onLoop.call(() -> deadlines.ticking())).isFalse();
    }

}
