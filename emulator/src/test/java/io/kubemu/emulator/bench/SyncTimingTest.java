package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.nodes.proxy.Proxiers;
import org.junit.jupiter.api.Test;

/** The sync bench on a small scale: every mode syncs the objects, and a roll changes exactly one Service's endpoints. */
class SyncTimingTest {
  @Test
  void everyModeSyncsTheScaleObjects() {
    SyncTiming timing = new SyncTiming(30, 4);
    for (String mode : Proxiers.modes()) {
      SyncTiming.Result r = timing.time(mode);
      assertEquals(mode, r.mode());
      assertEquals(30, r.services());
      assertEquals(120, r.endpoints());
      assertTrue(r.firstSyncMs() >= 0 && r.resyncMedianMs() <= r.resyncMaxMs(), r.toString());
    }
  }

  @Test
  void theObjectsBecomeOneServicePortEachWithItsEndpoints() {
    ScaleObjects objects = new ScaleObjects(300, 5);
    ProxyState state = ProxyState.from(objects.services, objects.slices);
    assertEquals(300, state.services().size());
    assertEquals(1500, state.endpoints().values().stream().mapToInt(java.util.List::size).sum());
    assertEquals("10.96.1.44", state.services().values().stream().skip(299).findFirst().orElseThrow().clusterIp().toString());
    var before = state.endpoints();
    objects.roll(7, 1);
    var after = ProxyState.from(objects.services, objects.slices).endpoints();
    long changed = before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).count();
    assertEquals(1, changed);
  }
}
