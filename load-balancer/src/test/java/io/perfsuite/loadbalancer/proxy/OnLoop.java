package io.perfsuite.loadbalancer.proxy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.vertx.core.impl.ContextInternal;

/** Runs a test's steps on one Vert.x event-loop context, where the proxy's loop-confined parts expect their calls. */
final class OnLoop {

    private final ContextInternal context;

    OnLoop(ContextInternal context) {
        this.context = context;
    }

    <T> T call(Supplier<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(5, TimeUnit.SECONDS);
    }

    void run(Runnable action) throws Exception {
        call(() -> {
            action.run();
            return null;
        });
    }
}
