package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimpleSchedulerTest {
  @Test
  void picksTheLeastLoadedReadyNode() {
    assertEquals(Optional.of("w2"), SimpleScheduler.pick(List.of("w1", "w2", "w3"), Map.of("w1", 3, "w2", 1, "w3", 2)));
  }

  @Test
  void nodesWithoutPodsCountAsEmpty() {
    assertEquals(Optional.of("w3"), SimpleScheduler.pick(List.of("w1", "w3"), Map.of("w1", 1)));
  }

  @Test
  void tiesGoToTheFirstName() {
    assertEquals(Optional.of("w1"), SimpleScheduler.pick(List.of("w3", "w1", "w2"), Map.of()));
  }

  @Test
  void podsOnNodesThatAreNotReadyDoNotMatter() {
    assertEquals(Optional.of("w2"), SimpleScheduler.pick(List.of("w2"), Map.of("w1", 0, "w2", 5)));
  }

  @Test
  void noReadyNodeIsEmpty() {
    assertEquals(Optional.empty(), SimpleScheduler.pick(List.of(), Map.of("w1", 0)));
  }
}
