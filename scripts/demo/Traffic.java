// Traffic for the local demo (scripts/run-local.sh), run from source: java Traffic.java
// A day of shop traffic compressed into DEMO_DAY_MINUTES: quiet at night, a morning ramp, a lunch peak and a
// larger evening peak, as a daily request-rate curve looks. 98 % product reads (most of them on the 20 most
// popular products, so the result cache has something to hit), 2 % orders (each one invalidates every cached
// product read, as a write to the table does), all through the load-balancer.
//
// Environment: DEMO_URL [http://127.0.0.1:8080] (the front door), DEMO_DAY_MINUTES [10], DEMO_PEAK_RPS [40],
// DEMO_NIGHT_RPS [2], DEMO_PRODUCTS [200].

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

public class Traffic {

    public static void main(String[] args) throws Exception {
        String url = env("DEMO_URL", "http://127.0.0.1:8080");
        double dayMillis = Double.parseDouble(env("DEMO_DAY_MINUTES", "10")) * 60_000;
        double peak = Double.parseDouble(env("DEMO_PEAK_RPS", "40"));
        double night = Double.parseDouble(env("DEMO_NIGHT_RPS", "2"));
        int products = Integer.parseInt(env("DEMO_PRODUCTS", "200"));

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newFixedThreadPool(4)).build();
        Semaphore inFlight = new Semaphore(64); // a stalled suite slows the generator instead of piling up requests
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Random random = new Random();
        long start = System.currentTimeMillis();
        long nextReport = start;
        System.out.printf("traffic to %s: one day in %.1f min, %.0f-%.0f requests/s%n", url, dayMillis / 60_000, night, peak);
        while (true) {
            long now = System.currentTimeMillis();
            double hour = ((now - start) % dayMillis) / dayMillis * 24;
            double rate = night + (peak - night) * shape(hour);
            if (now >= nextReport) {
                System.out.printf("day %d %05.2f h  %5.1f req/s  ok %d  failed %d%n", (long) ((now - start) / dayMillis),
                        hour, rate, ok.get(), failed.get());
                nextReport = now + 10_000;
            }
            inFlight.acquire();
            http.sendAsync(request(url, random, products), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        inFlight.release();
                        (error == null && response.statusCode() < 500 ? ok : failed).incrementAndGet();
                    });
            // exponential gaps: arrivals of a Poisson process at the current rate
            Thread.sleep(Math.max(1, (long) (-Math.log(1 - random.nextDouble()) / rate * 1000)));
        }
    }

    /** 0..1 over a day: night trough, 12:30 lunch peak (0.7), 20:00 evening peak (1.0). */
    static double shape(double hour) {
        return Math.max(bump(hour, 12.5, 2.0) * 0.7, bump(hour, 20.0, 2.0)) + 0.15 * bump(hour, 9.0, 1.5);
    }

    private static double bump(double hour, double centre, double width) {
        double d = Math.min(Math.abs(hour - centre), 24 - Math.abs(hour - centre));
        return Math.exp(-d * d / (2 * width * width));
    }

    private static HttpRequest request(String url, Random random, int products) {
        int product = random.nextDouble() < 0.8 ? 1 + random.nextInt(Math.min(20, products)) : 1 + random.nextInt(products);
        HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(Duration.ofSeconds(10));
        if (random.nextDouble() < 0.02) {
            return builder.uri(URI.create(url + "/shop/orders?product=" + product))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.uri(URI.create(url + "/shop/products/" + product)).GET().build();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
