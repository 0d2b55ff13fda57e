import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The slowed backend of the second scenario: answers "ok" like the nginx backends, 20 ms later (nginx cannot sleep
 * without a module). The delay is a scheduled task, so waiting requests hold no thread.
 *
 *   java SlowBackend.java PORT DELAY_MS
 */
public class SlowBackend {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long delay = Long.parseLong(args[1]);
        byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            timer.schedule(() -> {
                try {
                    exchange.getResponseHeaders().set("Content-Type", "text/plain");
                    exchange.sendResponseHeaders(200, ok.length);
                    exchange.getResponseBody().write(ok);
                } catch (Exception e) {
                    // the client went away
                } finally {
                    exchange.close();
                }
            }, delay, TimeUnit.MILLISECONDS);
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }
}
