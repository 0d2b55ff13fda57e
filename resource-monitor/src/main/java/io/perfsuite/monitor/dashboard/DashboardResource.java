package io.perfsuite.monitor.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import io.perfsuite.api.problem.ProblemException;
import io.smallrye.common.annotation.Blocking;

/**
 * The page's data. Readable without a key, like {@code /v1/alerts} and {@code /v1/metrics/summary}: it shows
 * aggregates of the suite, never request contents (the slow-query log, which does, needs the admin role).
 */
@Path("/v1/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class DashboardResource {

    private final ChartSeries series;
    private final PeerServices peers;
    private final DashboardConfig config;
    private final TraceLinks traceLinks;
    private final Clock clock;

    DashboardResource(ChartSeries series, PeerServices peers, DashboardConfig config, Clock clock) {
        this.series = series;
        this.peers = peers;
        this.config = config;
        this.traceLinks = config.jaegerUrl().map(TraceLinks::new).orElse(null);
        this.clock = clock;
    }

    public record PanelView(String id, String title, String unit) {
    }

    /** What the page needs before its first request: the panels, how often to refresh, where Jaeger is. */
    public record Settings(List<PanelView> panels, int refreshSeconds, String jaegerUrl, boolean autoscalerConfigured,
            boolean slowQueriesConfigured) {
    }

    public record Chart(String panel, String title, String unit, Instant start, Instant end, long stepSeconds,
            List<ChartSeries.Line> series) {
    }

    @GET
    @Path("settings")
    public Settings settings() {
        List<PanelView> panels = Arrays.stream(Panel.values()).map(p -> new PanelView(p.id(), p.title(), p.unit())).toList();
        return new Settings(panels, config.refreshSeconds(), config.jaegerUrl().map(Object::toString).orElse(null),
                config.autoscaler().url().isPresent(), config.queryRouter().url().isPresent());
    }

    @GET
    @Path("scaling")
    public PeerServices.Scaling scaling() {
        return peers.scaling();
    }

    /** Other clients' SQL: admin only, as in query-router itself. */
    @GET
    @Path("slow-queries")
    @RolesAllowed("admin")
    public PeerServices.SlowQueries slowQueries() {
        return peers.slowQueries(traceLinks);
    }

    @GET
    @Path("series")
    public Chart series(@QueryParam("panel") String panelId, @QueryParam("range") String range,
            @QueryParam("step") String step) {
        if (panelId == null || panelId.isBlank()) {
            throw ProblemException.forField(400, "panel", "required", "panel is required: one of " + Panel.ids());
        }
        Panel panel = Panel.byId(panelId).orElseThrow(() -> ProblemException.forField(400, "panel", "oneOf",
                "panel must be one of " + Panel.ids() + ", was \"" + panelId + "\""));
        ChartWindow window;
        try {
            window = ChartWindow.ending(clock.instant(), range, step);
        } catch (ChartWindow.InvalidWindow e) {
            throw ProblemException.forField(400, e.field(), e.rule(), e.getMessage());
        }
        try {
            return new Chart(panel.id(), panel.title(), panel.unit(), window.start(), window.end(),
                    window.step().toSeconds(), series.lines(panel, window));
        } catch (ChartSeries.SeriesUnavailable e) {
            if (e.unreachable()) {
                throw new ProblemException(503, e.getMessage()).withHeader("Retry-After", "5");
            }
            throw new ProblemException(502, e.getMessage());
        }
    }
}
