package io.perfsuite.autoscaler.web;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.perfsuite.autoscaler.backtest.BacktestReport;
import io.perfsuite.autoscaler.backtest.BacktestRequest;
import io.perfsuite.autoscaler.backtest.BacktestService;
import io.perfsuite.autoscaler.config.AutoscalerConfig.Role;
import io.smallrye.common.annotation.Blocking;

/** Backtests are compute-heavy: they need an API key with the backtest role. */
@Path("/v1/backtest")
public class BacktestResource {

    private final BacktestService backtests;
    private final ApiKeyGuard guard;

    BacktestResource(BacktestService backtests, ApiKeyGuard guard) {
        this.backtests = backtests;
        this.guard = guard;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public BacktestReport backtest(@Context HttpHeaders headers, BacktestRequest request) {
        guard.require(headers, Role.BACKTEST);
        return backtests.run(request);
    }
}
