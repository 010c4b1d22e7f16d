package io.kubemu.emulator.bench;

import java.util.List;

/**
 * Pearson's chi-square test of counts against an even split, for how evenly kube-proxy spreads
 * connections over a Service's endpoints: the statistic, its degrees of freedom (endpoints - 1)
 * and the p-value, the chance of a spread at least this uneven if every endpoint were equally
 * likely. The p-value is the upper regularized incomplete gamma function Q(dof/2, x/2), computed
 * here (Numerical Recipes' series and continued fraction, Lanczos' log-gamma) rather than by a
 * statistics library for one function.
 */
public record ChiSquare(double statistic, int degreesOfFreedom, double pValue) {
  private static final int MAX_ITERATIONS = 10_000;
  private static final double EPSILON = 1e-15;
  private static final double TINY = 1e-300;
  private static final double[] LANCZOS = {76.18009172947146, -86.50532032941677, 24.01409824083091,
      -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5};

  /** The test of {@code counts} against an even split of their sum; with one count or none there is nothing to test (NaN). */
  public static ChiSquare uniform(List<Long> counts) {
    long total = counts.stream().mapToLong(Long::longValue).sum();
    if (counts.size() < 2 || total == 0) {
      return new ChiSquare(Double.NaN, Math.max(0, counts.size() - 1), Double.NaN);
    }
    double expected = (double) total / counts.size();
    double x = counts.stream().mapToDouble(c -> (c - expected) * (c - expected) / expected).sum();
    int dof = counts.size() - 1;
    return new ChiSquare(x, dof, upperTail(x, dof));
  }

  /** P(X >= x) for X chi-square distributed with {@code dof} degrees of freedom. */
  public static double upperTail(double x, int dof) {
    if (dof < 1) {
      throw new IllegalArgumentException("degrees of freedom: " + dof + " (expected: 1 or more)");
    }
    if (!(x >= 0)) {
      throw new IllegalArgumentException("chi-square statistic: " + x + " (expected: 0 or more)");
    }
    return regularizedGammaQ(dof / 2.0, x / 2.0);
  }

  /** Q(a, x) = Γ(a, x) / Γ(a), for a > 0 and x >= 0. */
  static double regularizedGammaQ(double a, double x) {
    if (x == 0) {
      return 1;
    }
    return x < a + 1 ? 1 - lowerSeries(a, x) : upperFraction(a, x);
  }

  /** P(a, x) by its series, which converges quickly for x < a + 1. */
  private static double lowerSeries(double a, double x) {
    double term = 1 / a;
    double sum = term;
    for (int n = 1; n < MAX_ITERATIONS && Math.abs(term) > Math.abs(sum) * EPSILON; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }

  /** Q(a, x) by its continued fraction (modified Lentz), which converges quickly for x >= a + 1. */
  private static double upperFraction(double a, double x) {
    double b = x + 1 - a;
    double c = 1 / TINY;
    double d = 1 / b;
    double h = d;
    for (int i = 1; i < MAX_ITERATIONS; i++) {
      double an = -i * (i - a);
      b += 2;
      d = an * d + b;
      d = Math.abs(d) < TINY ? TINY : d;
      c = b + an / c;
      c = Math.abs(c) < TINY ? TINY : c;
      d = 1 / d;
      double delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPSILON) {
        break;
      }
    }
    return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
  }

  /** ln Γ(a) for a > 0 (Lanczos, accurate to about 2e-10 relative). */
  static double logGamma(double a) {
    double tmp = a + 5.5;
    tmp -= (a + 0.5) * Math.log(tmp);
    double series = 1.000000000190015;
    double y = a;
    for (double c : LANCZOS) {
      series += c / ++y;
    }
    return -tmp + Math.log(2.5066282746310005 * series / a);
  }
}
