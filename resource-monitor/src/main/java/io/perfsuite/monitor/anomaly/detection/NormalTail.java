package io.perfsuite.monitor.anomaly.detection;

/** Tail probabilities of the standard normal distribution, accurate far into the tail (log-scaled scores need it). */
final class NormalTail {

    private NormalTail() {
    }

    /** Q(z) = P(Z > z). */
    static double upper(double z) {
        return 0.5 * erfc(z / Math.sqrt(2.0));
    }

    /**
     * Complementary error function, Chebyshev fit with fractional error below 1.2e-7 everywhere (Press et al.,
     * Numerical Recipes, 6.2), which keeps relative accuracy in the far tail where 1 - erf loses it.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double poly = -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
        double r = t * Math.exp(poly);
        return x >= 0 ? r : 2.0 - r;
    }
}
