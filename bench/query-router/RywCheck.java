import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read-your-writes check for bench/query-router: each thread owns one row of table ryw and repeats
 * (eventual read of a static row, UPDATE of its row to the next value, read-your-writes read of its row with the
 * write's token). A stale read is a read-your-writes read returning an older value than the one just written.
 *
 * java RywCheck.java URL API_KEY PAIRS THREADS
 */
public class RywCheck {

    private static final Pattern TOKEN = Pattern.compile("\"consistencyToken\":\"([^\"]+)\"");
    private static final Pattern FIRST_VALUE = Pattern.compile("\"rows\":\\[\\[(-?\\d+)\\]\\]");
    private static final Pattern ROUTED = Pattern.compile("\"routedTo\":\"([^\"]+)\"");

    public static void main(String[] args) throws Exception {
        String url = args[0] + "/v1/query";
        String key = args[1];
        int pairs = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLong stale = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong onReplica = new AtomicLong();
        AtomicLong onPrimary = new AtomicLong();
        List<Long> rywNanos = Collections.synchronizedList(new ArrayList<>());
        List<Long> eventualNanos = Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int row = t + 1;
            int share = pairs / threads + (t < pairs % threads ? 1 : 0);
            Thread worker = new Thread(() -> {
                for (int i = 1; i <= share; i++) {
                    try {
                        long start = System.nanoTime();
                        post(http, url, key, "{\"sql\":\"SELECT v FROM ryw WHERE id = $1\",\"params\":[0]}");
                        eventualNanos.add(System.nanoTime() - start);

                        String written = post(http, url, key,
                                "{\"sql\":\"UPDATE ryw SET v = $1 WHERE id = $2\",\"params\":[" + i + "," + row + "]}");
                        Matcher token = TOKEN.matcher(written);
                        if (!token.find()) {
                            errors.incrementAndGet();
                            continue;
                        }
                        start = System.nanoTime();
                        String read = post(http, url, key, "{\"sql\":\"SELECT v FROM ryw WHERE id = $1\",\"params\":["
                                + row + "],\"consistency\":\"read-your-writes\",\"consistencyToken\":\"" + token.group(1)
                                + "\"}");
                        rywNanos.add(System.nanoTime() - start);
                        Matcher value = FIRST_VALUE.matcher(read);
                        Matcher routed = ROUTED.matcher(read);
                        if (!value.find() || !routed.find()) {
                            errors.incrementAndGet();
                            continue;
                        }
                        if (Long.parseLong(value.group(1)) < i) {
                            stale.incrementAndGet();
                        }
                        (routed.group(1).equals("primary") ? onPrimary : onReplica).incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.printf("RYW pairs=%d stale=%d errors=%d replica=%d primary=%d ryw_p50_ms=%.3f ryw_p99_ms=%.3f "
                + "eventual_p50_ms=%.3f eventual_p99_ms=%.3f%n", rywNanos.size(), stale.get(), errors.get(),
                onReplica.get(), onPrimary.get(), percentile(rywNanos, 50), percentile(rywNanos, 99),
                percentile(eventualNanos, 50), percentile(eventualNanos, 99));
    }

    private static String post(HttpClient http, String url, String key, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static double percentile(List<Long> nanos, int p) {
        List<Long> sorted = new ArrayList<>(nanos);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1e6;
    }
}
