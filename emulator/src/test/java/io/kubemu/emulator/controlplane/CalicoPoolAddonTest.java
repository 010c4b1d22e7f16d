package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.api.calico.IPPool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The calico-bgp backend's add-on: Calico's default pool over the cluster CIDR, created once, and no BGPConfiguration. */
class CalicoPoolAddonTest {
  private static final Addons.Addon POOL = Addons.Addon.of(Addons.CALICO_IPPOOL, Map.of("CLUSTER_CIDR", "10.244.0.0/16"));

  @Test
  void theStoreGetsCalicosDefaultPool() {
    ObjectStore store = new ObjectStore();
    Addons.ensure(store, List.of(POOL), LoggerFactory.getLogger(CalicoPoolAddonTest.class));
    IPPool pool = store.get(IPPool.class, "IPPool", null, "default-ipv4-ippool").orElseThrow();
    assertEquals("10.244.0.0/16", pool.getSpec().getCidr());
    assertEquals(26, pool.getSpec().getBlockSize());
    assertEquals("Always", pool.getSpec().getIpipMode());
    assertEquals("Never", pool.getSpec().getVxlanMode());
    assertEquals(Boolean.TRUE, pool.getSpec().getNatOutgoing());
    assertEquals("all()", pool.getSpec().getNodeSelector());
    assertTrue(store.list("BGPConfiguration", null).isEmpty(), "absent, Calico's defaults hold: the mesh, AS 64512");
  }

  @Test
  void aPoolTheUserChangedIsLeftAsItIs() {
    ObjectStore store = new ObjectStore();
    Addons.ensure(store, List.of(POOL), LoggerFactory.getLogger(CalicoPoolAddonTest.class));
    IPPool pool = (IPPool) Json.copy(store.get(IPPool.class, "IPPool", null, "default-ipv4-ippool").orElseThrow());
    pool.getSpec().setNatOutgoing(false);
    store.put(pool);
    Addons.ensure(store, List.of(POOL), LoggerFactory.getLogger(CalicoPoolAddonTest.class));
    assertEquals(Boolean.FALSE, store.get(IPPool.class, "IPPool", null, "default-ipv4-ippool").orElseThrow().getSpec().getNatOutgoing());
  }
}
