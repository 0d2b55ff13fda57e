// A tiny shop for the local demo (scripts/run-local.sh), run from source: java DemoShop.java
// It sits behind the load-balancer and keeps its data in PostgreSQL through query-router: product reads are
// cached results (cache-service), an order is one write that invalidates them. It makes no spans of its own:
// it passes the caller's traceparent on, so query-router's spans join the load-balancer's trace.
//
// Environment: DEMO_PORT [8085], DEMO_ROUTER_URL [http://127.0.0.1:8082], DEMO_ROUTER_KEY (a writer key),
// DEMO_PRODUCTS [200].

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

public class DemoShop {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String ROUTER = env("DEMO_ROUTER_URL", "http://127.0.0.1:8082");
    private static final String KEY = env("DEMO_ROUTER_KEY", "");
    private static final int PRODUCTS = Integer.parseInt(env("DEMO_PRODUCTS", "200"));

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(env("DEMO_PORT", "8085"));
        seed();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.createContext("/health", exchange -> reply(exchange, 200, "{\"status\":\"UP\"}"));
        server.createContext("/shop/products/", DemoShop::product);
        server.createContext("/shop/orders", DemoShop::order);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        System.out.println("demo shop on http://127.0.0.1:" + port + " (" + PRODUCTS + " products, router " + ROUTER + ")");
    }

    // The schema and the catalogue, once: a rerun keeps the stock as the last run left it.
    private static void seed() throws Exception {
        String ddl = "CREATE TABLE IF NOT EXISTS demo_products (id int PRIMARY KEY, name text NOT NULL, price_cents int NOT NULL, stock int NOT NULL)";
        String orders = "CREATE TABLE IF NOT EXISTS demo_orders (id bigserial PRIMARY KEY, product_id int NOT NULL, placed timestamptz NOT NULL DEFAULT now())";
        String fill = "INSERT INTO demo_products SELECT g, 'product ' || g, 100 + (g * 37) % 9900, 1000000 FROM generate_series(1, $1) g ON CONFLICT (id) DO NOTHING";
        for (int attempt = 1;; attempt++) {
            HttpResponse<String> created = query("{\"statements\":[{\"sql\":\"" + ddl + "\"},{\"sql\":\"" + orders
                    + "\"},{\"sql\":\"" + fill + "\",\"params\":[" + PRODUCTS + "]}]}", "/v1/transaction", null);
            if (created.statusCode() == 200) {
                return;
            }
            if (attempt == 30) {
                throw new IllegalStateException("cannot create the demo schema: " + created.statusCode() + " " + created.body());
            }
            Thread.sleep(1000); // query-router still finding its primary
        }
    }

    // GET /shop/products/{id}: a cached read (30 s, dropped by the next order of any product)
    private static void product(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/shop/products/".length());
        if (!id.matches("[0-9]{1,9}")) {
            reply(exchange, 400, "{\"field\":\"id\",\"rule\":\"integer\"}");
            return;
        }
        forward(exchange, "/v1/query", "{\"sql\":\"SELECT id, name, price_cents, stock FROM demo_products WHERE id = $1\","
                + "\"params\":[" + id + "],\"cacheTtl\":30}");
    }

    // POST /shop/orders?product={id}: one write on the primary (a writable CTE), which invalidates the cached reads
    private static void order(HttpExchange exchange) throws IOException {
        String queryString = exchange.getRequestURI().getQuery();
        String id = queryString == null ? "" : queryString.replaceFirst("^product=", "");
        if (!"POST".equals(exchange.getRequestMethod()) || !id.matches("[0-9]{1,9}")) {
            reply(exchange, 400, "{\"field\":\"product\",\"rule\":\"integer, with POST\"}");
            return;
        }
        forward(exchange, "/v1/query", "{\"sql\":\"WITH o AS (INSERT INTO demo_orders (product_id) VALUES ($1) RETURNING product_id) "
                + "UPDATE demo_products SET stock = stock - 1 WHERE id IN (SELECT product_id FROM o) RETURNING stock\","
                + "\"params\":[" + id + "]}");
    }

    private static void forward(HttpExchange exchange, String path, String body) throws IOException {
        try {
            HttpResponse<String> answer = query(body, path, exchange.getRequestHeaders().getFirst("traceparent"));
            reply(exchange, answer.statusCode(), answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, 503, "{\"detail\":\"interrupted\"}");
        } catch (IOException e) {
            reply(exchange, 502, "{\"detail\":\"query-router: " + e.getClass().getSimpleName() + "\"}");
        }
    }

    private static HttpResponse<String> query(String body, String path, String traceparent)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ROUTER + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-API-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
