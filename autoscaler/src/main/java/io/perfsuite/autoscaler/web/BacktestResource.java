package io.perfsuite.autoscaler.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.perfsuite.autoscaler.backtest.BacktestReport;
import io.perfsuite.autoscaler.backtest.BacktestRequest;
import io.perfsuite.autoscaler.backtest.BacktestService;
import io.smallrye.common.annotation.Blocking;

/** Backtests are compute-heavy: they need an API key with the backtest role (api-support's authentication). */
@Path("/v1/backtest")
public class BacktestResource {

    private final BacktestService backtests;

    BacktestResource(BacktestService backtests) {
        this.backtests = backtests;
    }

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("backtest")
    public BacktestReport backtest(BacktestRequest request) {
        return backtests.run(request);
    }
}
