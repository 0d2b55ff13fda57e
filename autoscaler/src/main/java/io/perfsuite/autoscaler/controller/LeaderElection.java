package io.perfsuite.autoscaler.controller;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.perfsuite.autoscaler.config.AutoscalerConfig;

/**
 * Several replicas may run; only the lease holder reconciles (the others stand by). The operator SDK enables it in
 * the prod profile (quarkus.operator-sdk.activate-leader-election-for-profiles).
 */
@ApplicationScoped
public class LeaderElection {

    @Produces
    @ApplicationScoped
    LeaderElectionConfiguration leaderElection(AutoscalerConfig config) {
        return config.kubernetes().leaseNamespace()
                .map(ns -> new LeaderElectionConfiguration(config.kubernetes().leaseName(), ns))
                .orElseGet(() -> new LeaderElectionConfiguration(config.kubernetes().leaseName()));
    }
}
