package io.kubemu.emulator.controllers.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** maxSurge rounds up, maxUnavailable down; both zero means one unavailable. */
class FencepostsTest {
  private static IntOrString value(String v) {
    return v.endsWith("%") ? new IntOrString(v) : new IntOrString(Integer.parseInt(v));
  }

  @ParameterizedTest(name = "{0} replicas, surge {1}, unavailable {2}: {3}/{4}")
  @CsvSource({"10, 25%, 25%, 3, 2", "1, 25%, 25%, 1, 0", "3, 25%, 25%, 1, 0", "4, 25%, 25%, 1, 1", "10, 0%, 0%, 0, 1",
      "10, 0, 0, 0, 1", "3, 1, 5, 1, 3", "0, 25%, 25%, 0, 0", "0, 0, 1, 0, 0", "10, 30%, 1, 3, 1", "7, 100%, 100%, 7, 7"})
  void resolvesAsTheRealController(int replicas, String surge, String unavailable, int maxSurge, int maxUnavailable) {
    Deployment d = Fixtures.web(replicas);
    d.getSpec().getStrategy().getRollingUpdate().setMaxSurge(value(surge));
    d.getSpec().getStrategy().getRollingUpdate().setMaxUnavailable(value(unavailable));
    assertEquals(new Fenceposts(maxSurge, maxUnavailable), Fenceposts.of(d));
  }

  @Test
  void recreateHasNeither() {
    assertEquals(new Fenceposts(0, 0), Fenceposts.of(Fixtures.recreate(5)));
  }

  @Test
  void somethingThatIsNotAPercentageCountsAsZero() {
    assertEquals(0, Fenceposts.scaled(new IntOrString("25"), 10, true));
    assertEquals(0, Fenceposts.scaled(new IntOrString("x%"), 10, true));
    assertEquals(0, Fenceposts.scaled(null, 10, true));
  }
}
