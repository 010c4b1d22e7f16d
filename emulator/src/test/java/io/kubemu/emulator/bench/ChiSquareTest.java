package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The chi-square test against published critical values and scipy.stats.chi2.sf. */
class ChiSquareTest {
  @Test
  void upperTailsMatchTheTablesCriticalValues() {
    // the 5% and 1% critical values of the chi-square tables
    assertEquals(0.05, ChiSquare.upperTail(3.841458820694124, 1), 1e-9);
    assertEquals(0.05, ChiSquare.upperTail(18.307038053275146, 10), 1e-9);
    assertEquals(0.01, ChiSquare.upperTail(11.344866730144373, 3), 1e-9);
    assertEquals(0.05, ChiSquare.upperTail(124.34211340400407, 100), 1e-9);
    // scipy.stats.chi2.sf(0.5, 4) and sf(1000, 999): both sides of the series/fraction switch
    assertEquals(0.9735009788392561, ChiSquare.upperTail(0.5, 4), 1e-9);
    assertEquals(0.48513148927490146, ChiSquare.upperTail(1000, 999), 1e-9);
  }

  @Test
  void twoDegreesOfFreedomHaveAClosedForm() {
    for (double x : new double[] {0.01, 0.7, 2, 5.991464547107979, 30}) {
      assertEquals(Math.exp(-x / 2), ChiSquare.upperTail(x, 2), 1e-12, "x=" + x);
    }
    assertEquals(1, ChiSquare.upperTail(0, 7));
  }

  @Test
  void logGammaOfIntegersIsTheLogOfAFactorial() {
    assertEquals(Math.log(24), ChiSquare.logGamma(5), 1e-9);
    assertEquals(Math.log(Math.sqrt(Math.PI)), ChiSquare.logGamma(0.5), 1e-9);
  }

  @Test
  void anEvenSplitScoresZeroAndAnUnevenOneScoresLow() {
    ChiSquare even = ChiSquare.uniform(List.of(250L, 250L, 250L, 250L));
    assertEquals(0, even.statistic());
    assertEquals(3, even.degreesOfFreedom());
    assertEquals(1, even.pValue());
    // (15-10)^2/10 + (5-10)^2/10 = 5 on 1 degree of freedom
    ChiSquare uneven = ChiSquare.uniform(List.of(15L, 5L));
    assertEquals(5, uneven.statistic(), 1e-12);
    assertEquals(0.025347318677468252, uneven.pValue(), 1e-9);
    assertTrue(ChiSquare.uniform(List.of(1000L, 0L)).pValue() < 1e-100);
  }

  @Test
  void oneEndpointOrNoConnectionsLeaveNothingToTest() {
    assertTrue(Double.isNaN(ChiSquare.uniform(List.of(42L)).pValue()));
    assertEquals(0, ChiSquare.uniform(List.of(42L)).degreesOfFreedom());
    assertTrue(Double.isNaN(ChiSquare.uniform(List.of(0L, 0L)).statistic()));
    assertThrows(IllegalArgumentException.class, () -> ChiSquare.upperTail(1, 0));
    assertThrows(IllegalArgumentException.class, () -> ChiSquare.upperTail(Double.NaN, 2));
  }
}
