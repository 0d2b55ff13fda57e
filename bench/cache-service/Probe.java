import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * Two measurements that need real processes and a real clock, run by run.sh (java Probe.java ...):
 *
 * <pre>
 * stampede ORIGIN_PORT CACHE_URL WEBDIS_URL READERS EXPIRIES
 *     Serves the origin on ORIGIN_PORT (max-age=3, 50 ms per load) and, per expiry, sends READERS concurrent GETs of
 *     one expired key through cache-service's read-through namespace "items", then the same through a cache-aside
 *     client over webdis (GET, on a miss load the origin and SET), the pattern users write without a cache service.
 *     Prints the origin loads per expiry of each.
 * coherence URL_A URL_B SECRET WRITES
 *     Per write: warm B's L1 with the current value, PUT a new value on A, then GET from B until it answers the new
 *     value. Prints how long after A's acknowledgement B stopped serving the old one.
 * </pre>
 */
public class Probe {

    /** Long enough that a whole burst of readers fits in one lifetime, so each burst meets exactly one expiry. */
    private static final int MAX_AGE_SECONDS = 3;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r);
                t.setDaemon(true);
                return t;
            })).build();

    public static void main(String[] args) {
        try {
            switch (args[0]) {
                case "stampede" -> stampede(Integer.parseInt(args[1]), args[2], args[3], Integer.parseInt(args[4]),
                        Integer.parseInt(args[5]));
                case "coherence" -> coherence(args[1], args[2], args[3], Integer.parseInt(args[4]));
                default -> throw new IllegalArgumentException("unknown probe " + args[0]);
            }
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // the reader pools are not daemon threads
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------ stampede

    private static void stampede(int originPort, String cacheUrl, String webdisUrl, int readers, int expiries)
            throws Exception {
        AtomicInteger loads = new AtomicInteger();
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", originPort), 1024);
        origin.setExecutor(Executors.newCachedThreadPool());
        origin.createContext("/items/", exchange -> {
            loads.incrementAndGet();
            sleep(50); // an origin that takes time, which is what makes a stampede hurt
            byte[] body = "item".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Cache-Control", "max-age=" + MAX_AGE_SECONDS);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        origin.start();
        String key = "stampede-" + System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        List<Integer> ours = new ArrayList<>();
        List<Integer> peer = new ArrayList<>();
        try {
            AtomicInteger errors = new AtomicInteger();
            // round 0 warms both sides' connections and JITs and is not counted
            for (int e = 0; e <= expiries; e++) {
                get(cacheUrl + "/v1/cache/items/" + key); // (re)fill
                sleep(MAX_AGE_SECONDS * 1000L + 200); // past max-age; the namespace has no stale windows
                loads.set(0);
                burst(pool, readers, () -> check(get(cacheUrl + "/v1/cache/items/" + key), 200));
                if (e > 0) {
                    ours.add(loads.get());
                }

                get(webdisUrl + "/DEL/" + key); // the same key just expired in Redis
                loads.set(0);
                burst(pool, readers, () -> cacheAside(webdisUrl, originPort, key, errors));
                if (e > 0) {
                    peer.add(loads.get());
                }
            }
            if (errors.get() > 0) {
                throw new IllegalStateException(errors.get() + " cache-aside reads through webdis failed");
            }
        } finally {
            pool.shutdownNow();
            origin.stop(0);
        }
        System.out.println("STAMPEDE cache-service origin loads per expiry: " + ours);
        System.out.println("STAMPEDE cache-aside over webdis origin loads per expiry: " + peer);
        System.out.printf("STAMPEDE_RESULT %d %d %d%n", Collections.max(ours), Collections.max(peer), readers);
    }

    /** The usual cache-aside read: GET; on a miss, load from the origin and SET with the origin's max-age. */
    private static void cacheAside(String webdisUrl, int originPort, String key, AtomicInteger errors) {
        HttpResponse<String> cached = get(webdisUrl + "/GET/" + key);
        if (cached.statusCode() != 200) {
            if (errors.incrementAndGet() == 1) {
                System.out.println("first webdis error: HTTP " + cached.statusCode() + " " + cached.body());
            }
        } else if (cached.body().contains("\"GET\":null")) {
            String value = get("http://127.0.0.1:" + originPort + "/items/" + key).body();
            get(webdisUrl + "/SETEX/" + key + "/" + MAX_AGE_SECONDS + "/" + value);
        } else if (!cached.body().contains("\"GET\":\"item\"")) {
            if (errors.incrementAndGet() == 1) {
                System.out.println("first unexpected webdis answer: " + cached.body());
            }
        }
    }

    private static void burst(ExecutorService pool, int readers, Runnable read) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                read.run();
            }, pool));
        }
        start.countDown();
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
    }

    // ------------------------------------------------------------------ coherence

    private static void coherence(String a, String b, String secret, int writes) {
        String key = "coherence-" + System.nanoTime();
        List<Double> visibleMs = new ArrayList<>();
        put(a, key, "v0", secret);
        for (int i = 1; i <= writes; i++) {
            String previous = "v" + (i - 1);
            awaitL1(b, key, previous, secret);
            String value = "v" + i;
            put(a, key, value, secret);
            long acked = System.nanoTime();
            long deadline = acked + 5_000_000_000L;
            while (true) {
                HttpResponse<String> r = getAuth(b + "/v1/cache/default/" + key, secret);
                if (r.statusCode() == 200 && r.body().equals(value)) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("B still served " + r.body() + " 5 s after the write of " + value);
                }
            }
            visibleMs.add((System.nanoTime() - acked) / 1e6);
        }
        Collections.sort(visibleMs);
        System.out.printf("COHERENCE_RESULT %.2f %.2f %.2f %d%n", visibleMs.get(visibleMs.size() / 2),
                visibleMs.get((int) Math.ceil(visibleMs.size() * 0.99) - 1), visibleMs.get(visibleMs.size() - 1),
                visibleMs.size());
    }

    private static void awaitL1(String replica, String key, String value, String secret) {
        for (int i = 0; i < 1000; i++) {
            HttpResponse<String> r = getAuth(replica + "/v1/cache/default/" + key, secret);
            if (r.statusCode() == 200 && value.equals(r.body())
                    && "L1".equals(r.headers().firstValue("X-Cache-Tier").orElse(""))) {
                return;
            }
        }
        throw new IllegalStateException(replica + " never served " + key + "=" + value + " from L1");
    }

    // ------------------------------------------------------------------ HTTP

    private static void put(String base, String key, String value, String secret) {
        send(HttpRequest.newBuilder(URI.create(base + "/v1/cache/default/" + key))
                .header("Authorization", "Bearer " + secret).header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(value)).build(), 204);
    }

    private static HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).build(), -1);
    }

    private static HttpResponse<String> getAuth(String url, String secret) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + secret).build(), -1);
    }

    private static HttpResponse<String> send(HttpRequest request, int expected) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (expected > 0) {
                check(response, expected);
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(response.request().uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
