package io.perfsuite.e2e.browser;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Jaeger's own UI showing one trace, in Debian's headless Chromium (the way resource-monitor's dashboard test drives
 * it): what a user sees after clicking a trace, read back as the service names of the rendered span rows.
 */
public final class JaegerTraceView implements AutoCloseable {

    private final HeadlessChromium browser;

    private JaegerTraceView(HeadlessChromium browser) {
        this.browser = browser;
    }

    /** Whether chromium and chromium-driver are installed where Debian puts them. */
    public static boolean browserInstalled() {
        return HeadlessChromium.installed();
    }

    public static JaegerTraceView start(Path logDirectory) {
        return new JaegerTraceView(HeadlessChromium.start(logDirectory, 1400, 900));
    }

    /**
     * Opens {@code <ui>/trace/<traceId>} and waits until the timeline shows a span row for each named service; the
     * span rows the UI rendered, service names as shown.
     */
    public List<String> openTrace(String uiUrl, String traceId, Duration bound, String... services) {
        browser.driver().get(uiUrl + "/trace/" + traceId);
        return await("Jaeger's UI shows span rows of " + List.of(services) + " for trace " + traceId).atMost(bound)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(this::renderedServices, rendered -> rendered.containsAll(List.of(services)));
    }

    /** The service name of each span row in the trace timeline, top to bottom. */
    public List<String> renderedServices() {
        return browser.driver().findElements(By.cssSelector(".span-name .span-svc-name")).stream()
                .map(WebElement::getText)
                // the name, then what the UI may add after it (an arrow and the called service, when collapsed)
                .map(text -> text.strip().split("\\s+")[0]).toList();
    }

    /** Saves what the window shows as a PNG; its size in bytes. */
    public int screenshot(Path png) {
        return browser.screenshot(png);
    }

    @Override
    public void close() {
        browser.close();
    }
}
