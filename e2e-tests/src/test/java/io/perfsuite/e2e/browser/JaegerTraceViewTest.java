package io.perfsuite.e2e.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.perfsuite.testsupport.FreePort;

/**
 * The browser half of the Jaeger UI check, where no Jaeger UI can run (the Jaeger built here has none, CI has no
 * Jaeger): in real headless Chromium, a page with the timeline's span-row markup (class names as in Jaeger's UI) is
 * read back service by service, and a page with no rows fails the wait instead of passing empty.
 */
class JaegerTraceViewTest {

    private static final String ROW = "<div class=\"span-row\"><a class=\"span-name\"><span class=\"span-svc-name\">"
            + "%s </span><small class=\"endpoint-name\">%s</small></a></div>";

    private static HttpServer pages;
    private static String baseUrl;
    private static JaegerTraceView view;

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(JaegerTraceView.browserInstalled(), "no chromium and chromium-driver in /usr/bin");
        pages = HttpServer.create(new InetSocketAddress(FreePort.LOOPBACK_HOST, FreePort.find()), 8);
        pages.createContext("/trace/", exchange -> {
            boolean empty = exchange.getRequestURI().getPath().endsWith("/empty");
            String body = "<html><body>" + (empty
                    ? "<div class=\"TraceTimelineViewer\"></div>"
                    : ROW.formatted("load-balancer", "GET query") + ROW.formatted("query-router", "POST /v1/query")
                            + ROW.formatted("cache-service", "GET /v1/cache/{namespace}/{key}"))
                    + "</body></html>";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        pages.start();
        baseUrl = "http://" + FreePort.LOOPBACK_HOST + ":" + pages.getAddress().getPort();
        view = JaegerTraceView.start(Path.of("target"));
    }

    @AfterAll
    static void stopBrowser() {
        if (view != null) {
            view.close();
        }
        if (pages != null) {
            pages.stop(0);
        }
    }

    @Test
    void shouldReadTheServiceOfEachRenderedSpanRowAndSaveTheScreenshot() throws IOException {
        assertThat(view.openTrace(baseUrl, "abc", Duration.ofSeconds(30), "load-balancer", "cache-service"))
                .containsExactly("load-balancer", "query-router", "cache-service");

        Path png = Path.of("target", "trace-view-fixture.png");
        assertThat(view.screenshot(png)).isPositive();
        assertThat(Files.size(png)).isPositive();
    }

    @Test
    void shouldFailTheWaitWhenTheTraceViewShowsNoSpanRows() {
        assertThatThrownBy(() -> view.openTrace(baseUrl, "empty", Duration.ofSeconds(2), "load-balancer"))
                .isInstanceOf(ConditionTimeoutException.class).hasMessageContaining("load-balancer");
        assertThat(view.renderedServices()).isEmpty();
    }
}
