package io.perfsuite.e2e.browser;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Jaeger's own UI showing one trace, in Debian's headless Chromium (the way resource-monitor's dashboard test drives
 * it): what a user sees after clicking a trace, read back as the service names of the rendered span rows.
 */
public final class JaegerTraceView implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver browser;
    private final Path profile;

    private JaegerTraceView(ChromeDriver browser, Path profile) {
        this.browser = browser;
        this.profile = profile;
    }

    /** Whether chromium and chromium-driver are installed where Debian puts them. */
    public static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public static JaegerTraceView start(Path logDirectory) {
        try {
            Files.createDirectories(logDirectory);
            Path profile = Files.createTempDirectory("e2e-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1400,900", "--user-data-dir=" + profile);
            // an explicit driver: Selenium Manager must not try to download one
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                    .withLogFile(new File(logDirectory.resolve("chromedriver.log").toString())).build();
            return new JaegerTraceView(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Chromium's profile", e);
        }
    }

    /**
     * Opens {@code <ui>/trace/<traceId>} and waits until the timeline shows a span row for each named service; the
     * span rows the UI rendered, service names as shown.
     */
    public List<String> openTrace(String uiUrl, String traceId, Duration bound, String... services) {
        browser.get(uiUrl + "/trace/" + traceId);
        return await("Jaeger's UI shows span rows of " + List.of(services) + " for trace " + traceId).atMost(bound)
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(this::renderedServices, rendered -> rendered.containsAll(List.of(services)));
    }

    /** The service name of each span row in the trace timeline, top to bottom. */
    public List<String> renderedServices() {
        return browser.findElements(By.cssSelector(".span-name .span-svc-name")).stream().map(WebElement::getText)
                // the name, then what the UI may add after it (an arrow and the called service, when collapsed)
                .map(text -> text.strip().split("\\s+")[0]).toList();
    }

    /** Saves what the window shows as a PNG; its size in bytes. */
    public int screenshot(Path png) {
        byte[] image = browser.getScreenshotAs(OutputType.BYTES);
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            Files.write(png, image);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
        return image.length;
    }

    @Override
    public void close() {
        browser.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
