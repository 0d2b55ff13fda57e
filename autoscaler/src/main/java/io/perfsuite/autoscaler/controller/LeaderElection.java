package io.perfsuite.autoscaler.controller;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.perfsuite.autoscaler.config.AutoscalerConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.Startup;

/**
 * Several replicas may run; only the holder of the lease reconciles, the others keep their informers warm and stand
 * by. The operator SDK asks for the {@link LeaderElectionConfiguration} below only in the profiles listed in
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles} (prod).
 * <p>
 * A replica that loses the lease must stop reconciling before a standby may take over (lease-duration after the
 * last renewal; the leader gives up at renew-deadline, earlier). The SDK can stop only by {@code System.exit} from
 * its own callback, which also fires when the operator is stopped during an orderly shutdown, from inside the
 * shutdown; so the SDK is told not to exit and this class reacts: a lease lost while running shuts the application
 * down with status 1 (the shutdown stops the operator first, see {@link KubernetesConnection}); a lease given up
 * because the application is stopping needs nothing.
 */
@Startup
@Singleton
public class LeaderElection {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);

    private final String leaseName;
    private final Optional<String> leaseNamespace;
    private final String identity;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Duration retryPeriod;
    private volatile boolean enabled;
    private volatile boolean leading;
    private volatile String leader;
    private volatile boolean stopping;

    LeaderElection(AutoscalerConfig config) {
        AutoscalerConfig.Kubernetes kubernetes = config.kubernetes();
        checkTimings(kubernetes.leaseDuration(), kubernetes.leaseRenewDeadline(), kubernetes.leaseRetryPeriod());
        this.leaseName = kubernetes.leaseName();
        this.leaseNamespace = kubernetes.leaseNamespace();
        this.identity = kubernetes.leaseIdentity().filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")).filter(s -> !s.isBlank()))
                .orElseGet(() -> UUID.randomUUID().toString());
        this.leaseDuration = kubernetes.leaseDuration();
        this.renewDeadline = kubernetes.leaseRenewDeadline();
        this.retryPeriod = kubernetes.leaseRetryPeriod();
    }

    /**
     * The ordering client-go and the SDK rely on: a retry fits in the renew deadline, and the leader gives up (at the
     * renew deadline) before a standby may take the lease (at the lease duration).
     */
    static void checkTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        if (retryPeriod.isNegative() || retryPeriod.isZero()) {
            throw new IllegalArgumentException("autoscaler.kubernetes.lease-retry-period must be positive");
        }
        if (renewDeadline.compareTo(retryPeriod) <= 0) {
            throw new IllegalArgumentException("autoscaler.kubernetes.lease-renew-deadline (" + renewDeadline
                    + ") must be longer than lease-retry-period (" + retryPeriod + ")");
        }
        if (leaseDuration.compareTo(renewDeadline) <= 0) {
            throw new IllegalArgumentException("autoscaler.kubernetes.lease-duration (" + leaseDuration
                    + ") must be longer than lease-renew-deadline (" + renewDeadline + ")");
        }
    }

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElectionConfiguration() {
        enabled = true;
        LeaderElectionConfigurationBuilder builder = LeaderElectionConfigurationBuilder
                .aLeaderElectionConfiguration(leaseName)
                .withIdentity(identity)
                .withLeaseDuration(leaseDuration)
                .withRenewDeadline(renewDeadline)
                .withRetryPeriod(retryPeriod)
                .withLeaderCallbacks(new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader))
                .withExitOnStopLeading(false);
        leaseNamespace.ifPresent(builder::withLeaseNamespace);
        return builder.build();
    }

    private void startedLeading() {
        leading = true;
        LOG.infof("%s holds lease %s: reconciling", identity, leaseName);
    }

    private void newLeader(String holder) {
        leader = holder;
    }

    private void stoppedLeading() {
        leading = false;
        if (stopping) {
            return;
        }
        // another holder seen, or no renewal within the renew deadline
        LOG.errorf("%s lost lease %s (holder now %s): shutting down so that only the holder reconciles", identity,
                leaseName, identity.equals(leader) ? "unknown" : leader);
        Quarkus.asyncExit(1);
    }

    /** The application is stopping: the operator's stop gives up the lease, which is no reason for alarm. */
    void stopping() {
        stopping = true;
    }

    /** Whether the operator runs with leader election (the SDK asked for its configuration). */
    public boolean enabled() {
        return enabled;
    }

    public boolean leading() {
        return leading;
    }

    /** The lease holder last seen, this replica or another; empty before the first look at the lease. */
    public Optional<String> leader() {
        return Optional.ofNullable(leader);
    }

    public String identity() {
        return identity;
    }

    public String leaseName() {
        return leaseName;
    }
}
