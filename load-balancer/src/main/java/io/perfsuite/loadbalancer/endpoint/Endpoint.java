package io.perfsuite.loadbalancer.endpoint;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.perfsuite.loadbalancer.resilience.AdmissionQueue;

/**
 * One backend's live state. Thread-safe: the proxy records outcomes from event-loop threads while strategies read.
 * Every time-dependent value (EWMA decay, ejection end, slow-start ramp) is computed from the injected clock when read,
 * so nothing needs a timer and a test moves time by hand.
 */
public final class Endpoint {

    /** The pool's say on ejections, so {@code maxEjectionPercent} holds across endpoints. */
    interface Ejector {
        void requestEjection(Endpoint endpoint);
    }

    private static final Ejector UNBOUNDED = Endpoint::ejectNow;

    private final String id;
    private final URI uri;
    private final Clock clock;
    private final PoolPolicy policy;
    private final Ejector ejector;
    private final AdmissionQueue admission;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final double tauNanos;
    /** the least weight a lower sample blends in with: 1 / the policy's window */
    private final double minSampleWeight;

    private volatile int weight;
    private volatile boolean draining;
    private volatile HealthState health;
    /** when the slow-start window last opened: join, or recovery from failed health checks */
    private volatile long rampStartMillis;
    private volatile long ejectedUntilMillis = Long.MIN_VALUE;

    // guarded by this
    private boolean everChecked;
    private int consecutivePasses;
    private int consecutiveFails;
    // volatile for the lock-free check on the success path
    private volatile int consecutive5xx;
    private volatile int consecutiveGatewayFailures;
    private int ejectionStreak;
    private long totalEjections;

    // guarded by ewmaLock
    private final Object ewmaLock = new Object();
    /** Linkerd's peak EWMA of the answers' latency */
    private double ewmaNanos;
    /**
     * Plain EWMA (same weights, no peak) of the requests in flight when each answered one was sent, itself included:
     * the queue the latency samples already contain. 1 while requests come one at a time.
     */
    private double sampledLoad = 1;
    /** nanoseconds: at thousands of answers per second, millisecond gaps would blend most samples with weight 0 */
    private long ewmaLastSampleNanos;
    /** false until the first sample: the default RTT is a guess to replace, not a measurement to average with */
    private boolean ewmaMeasured;
    /** when the last request in flight ended: idle decay runs from there */
    private volatile long idleSinceNanos;

    /** A stand-alone endpoint whose ejections no pool bounds: for strategies' tests and single-backend callers. */
    public Endpoint(EndpointSpec spec, PoolPolicy policy, Clock clock) {
        this(spec, policy, clock, UNBOUNDED);
    }

    Endpoint(EndpointSpec spec, PoolPolicy policy, Clock clock, Ejector ejector) {
        Objects.requireNonNull(spec, "spec");
        this.id = spec.id();
        this.uri = spec.uri();
        this.weight = spec.weight();
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ejector = ejector;
        this.admission = new AdmissionQueue(policy.admission(), clock);
        this.tauNanos = policy.peakEwma().decay().toNanos();
        this.minSampleWeight = 1.0 / policy.peakEwma().window();
        this.rampStartMillis = clock.millis();
        this.health = policy.health().startHealthy() ? HealthState.HEALTHY : HealthState.UNHEALTHY;
        this.ewmaNanos = policy.peakEwma().defaultRtt().toNanos();
        long now = clockNanos();
        this.ewmaLastSampleNanos = now;
        this.idleSinceNanos = now;
    }

    public String id() {
        return id;
    }

    public URI uri() {
        return uri;
    }

    public int configuredWeight() {
        return weight;
    }

    /** Runtime weight change (canary shifts, admin API); 0 takes the endpoint out of rotation. */
    public void setWeight(int newWeight) {
        EndpointSpec.requireValidWeight(newWeight);
        this.weight = newWeight;
    }

    /** The configured weight times the slow-start factor. */
    public double effectiveWeight() {
        return weight * slowStartFactor();
    }

    /** Where the endpoint is in its slow-start ramp: 1 once the window has passed (or slow start is off). */
    public double slowStartFactor() {
        SlowStart slowStart = policy.slowStart();
        if (!slowStart.enabled()) {
            return 1.0;
        }
        long now = clock.millis();
        long start = rampStartMillis;
        long ejectedUntil = ejectedUntilMillis;
        // an endpoint back from ejection ramps up again, from the moment it returned
        if (ejectedUntil != Long.MIN_VALUE && ejectedUntil <= now && ejectedUntil > start) {
            start = ejectedUntil;
        }
        return slowStart.factor(now - start);
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** The peak-EWMA latency estimate (Linkerd's), decayed to the clock's now. */
    public double peakEwmaMillis() {
        synchronized (ewmaLock) {
            return decayedNanos() / 1_000_000.0;
        }
    }

    /**
     * The latency one request adds: the peak-EWMA latency over the load its samples were taken at
     * ({@link #sampledLoad()}). Times (in flight now + 1) it predicts the next request's latency without counting the
     * queueing already inside the samples twice. With one request at a time it is {@link #peakEwmaMillis()}.
     */
    public double peakEwmaPerRequestMillis() {
        synchronized (ewmaLock) {
            return decayedNanos() / sampledLoad / 1_000_000.0;
        }
    }

    /** EWMA of the requests in flight (the answered one included) when the answered requests were sent. */
    public double sampledLoad() {
        synchronized (ewmaLock) {
            return sampledLoad;
        }
    }

    /** Healthy, not ejected and not draining: whether the pool offers it to the strategy. */
    public boolean available() {
        return health == HealthState.HEALTHY && !draining && !ejected();
    }

    public HealthState health() {
        return health;
    }

    public boolean ejected() {
        return clock.millis() < ejectedUntilMillis;
    }

    /** When the current ejection ends, if the endpoint is ejected. */
    public Optional<Instant> ejectedUntil() {
        long until = ejectedUntilMillis;
        return clock.millis() < until ? Optional.of(Instant.ofEpochMilli(until)) : Optional.empty();
    }

    /** Ejections since the endpoint joined, for metrics. */
    public synchronized long totalEjections() {
        return totalEjections;
    }

    public boolean draining() {
        return draining;
    }

    /** No new requests; those in flight finish. */
    public void drain() {
        draining = true;
    }

    public void undrain() {
        draining = false;
    }

    /** This endpoint's concurrency limit and queue. */
    public AdmissionQueue admission() {
        return admission;
    }

    /** Starts a request: one more in flight until the lease ends. */
    public Lease begin() {
        int ahead = inFlight.getAndIncrement();
        return new Lease(this, clockNanos(), ahead);
    }

    /** An active health check's result, through the fall/rise thresholds. */
    public synchronized void recordHealthCheck(boolean passed) {
        HealthThresholds thresholds = policy.health();
        boolean firstCheck = !everChecked;
        everChecked = true;
        if (passed) {
            consecutiveFails = 0;
            consecutivePasses++;
            // an endpoint that has never been checked needs one pass, as in Envoy; a fallen one needs `rise`
            if (health == HealthState.UNHEALTHY && (firstCheck || consecutivePasses >= thresholds.rise())) {
                health = HealthState.HEALTHY;
                rampStartMillis = clock.millis();
            }
        } else {
            consecutivePasses = 0;
            consecutiveFails++;
            if (health == HealthState.HEALTHY && consecutiveFails >= thresholds.fall()) {
                health = HealthState.UNHEALTHY;
            }
        }
    }

    long clockNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    void end(Lease lease) {
        if (inFlight.decrementAndGet() == 0) {
            idleSinceNanos = clockNanos();
        }
    }

    void observeResponse(int status, long latencyNanos, int ahead) {
        boolean failed = status >= 500;
        observeLatency(latencyNanos, ahead, failed);
        boolean gateway = status == 502 || status == 503 || status == 504;
        recordOutcome(failed, gateway);
    }

    void observeLocalFailure(long elapsedNanos, int ahead, boolean sampleLatency) {
        if (sampleLatency) {
            observeLatency(elapsedNanos, ahead, true);
        }
        recordOutcome(true, true);
    }

    private void observeLatency(long latencyNanos, int ahead, boolean failed) {
        long now = clockNanos();
        synchronized (ewmaLock) {
            double current = ewmaNanos;
            double sample = Math.max(0, latencyNanos);
            // a request sent behind `ahead` others waited for them too: the load it was measured at
            double load = ahead + 1.0;
            // a failing backend must not look fast: a quick error never lowers the estimate
            if (failed) {
                sample = Math.max(sample, current);
            }
            // weighted by the time since the last sample (Linkerd), so a few answers a second track time; but at
            // least 1/window, so thousands of answers a second contradicting one spike end it within a window
            double weight = Math.max(1 - Math.exp(-Math.max(0, now - ewmaLastSampleNanos) / tauNanos),
                    minSampleWeight);
            if (!ewmaMeasured) {
                // the first sample replaces the default (blending it in would keep a fast backend looking like the
                // default for tens of seconds, and lose to a slow one)
                ewmaNanos = sample;
                sampledLoad = load;
                ewmaMeasured = true;
            } else {
                // a peak replaces the latency at once; the load never peaks, or a burst would make a queue look cheap
                ewmaNanos = sample >= current ? sample : current + (sample - current) * weight;
                sampledLoad += (load - sampledLoad) * weight;
            }
            ewmaLastSampleNanos = now;
        }
    }

    /**
     * Linkerd lets an idle estimate decay toward zero, so a backend that was slow once is tried again. Idle here means
     * nothing in flight: a backend that holds requests without answering must not look cheaper while it does. The decay
     * is applied when read and never stored, so a backend's own samples, not its idle gaps, set the estimate.
     */
    private double decayedNanos() {
        if (inFlight.get() > 0) {
            return ewmaNanos;
        }
        long idle = Math.max(0, clockNanos() - idleSinceNanos);
        return idle == 0 ? ewmaNanos : ewmaNanos * Math.exp(-idle / tauNanos);
    }

    private void recordOutcome(boolean is5xx, boolean gateway) {
        if (!is5xx && consecutive5xx == 0 && consecutiveGatewayFailures == 0) {
            // the common case: a success with no failure streak to reset, no lock needed
            return;
        }
        OutlierDetection rules = policy.outlierDetection();
        boolean eject;
        synchronized (this) {
            if (ejected()) {
                // answers to requests sent before the ejection say nothing new
                return;
            }
            consecutive5xx = is5xx ? consecutive5xx + 1 : 0;
            consecutiveGatewayFailures = gateway ? consecutiveGatewayFailures + 1 : 0;
            eject = (rules.consecutive5xx() > 0 && consecutive5xx >= rules.consecutive5xx())
                    || (rules.consecutiveGatewayFailures() > 0
                            && consecutiveGatewayFailures >= rules.consecutiveGatewayFailures());
        }
        if (eject) {
            // outside our lock: the pool takes its own lock, then ours through ejectNow
            ejector.requestEjection(this);
        }
    }

    /** Ejects for {@code base x streak}; called by the pool once the max-ejected share allows it. */
    synchronized void ejectNow() {
        long now = clock.millis();
        if (now < ejectedUntilMillis) {
            return;
        }
        OutlierDetection rules = policy.outlierDetection();
        if (ejectedUntilMillis != Long.MIN_VALUE) {
            // each base ejection time spent back in rotation forgives one earlier ejection
            long forgiven = (now - ejectedUntilMillis) / rules.baseEjectionTime().toMillis();
            ejectionStreak = (int) Math.max(0, ejectionStreak - forgiven);
        }
        ejectionStreak++;
        totalEjections++;
        ejectedUntilMillis = now + rules.ejectionTime(ejectionStreak).toMillis();
        consecutive5xx = 0;
        consecutiveGatewayFailures = 0;
    }

    @Override
    public String toString() {
        return "Endpoint[" + id + "]";
    }
}
