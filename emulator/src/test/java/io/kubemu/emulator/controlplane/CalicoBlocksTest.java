package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.api.calico.IPPool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CalicoBlocksTest {
  private static IPPool pool(String name, String cidr, Integer blockSize, String selector, Boolean disabled) {
    IPPool p = new IPPool();
    p.setMetadata(new ObjectMetaBuilder().withName(name).build());
    p.getSpec().setCidr(cidr);
    p.getSpec().setBlockSize(blockSize);
    p.getSpec().setNodeSelector(selector);
    p.getSpec().setDisabled(disabled);
    return p;
  }

  private static Ipv4Cidr c(String s) {
    return Ipv4Cidr.parse(s);
  }

  @Test
  void blocksOfTheDefaultSizeInOrderSkippingClaimedOnes() {
    Map<Ipv4Cidr, String> affinities = new HashMap<>();
    List<IPPool> pools = List.of(pool("default-ipv4-ippool", "10.244.0.0/16", null, null, null));
    assertEquals(c("10.244.0.0/26"), CalicoBlocks.claim(pools, Map.of(), affinities, "w1", List.of()).block());
    affinities.put(c("10.244.0.0/26"), "w1");
    assertEquals(c("10.244.0.64/26"), CalicoBlocks.claim(pools, Map.of(), affinities, "w2", List.of()).block());
    assertEquals(c("10.244.0.64/26"), CalicoBlocks.claim(pools, Map.of(), affinities, "w1", List.of(c("10.244.0.0/26"))).block(),
        "w1 holds its block: it gets a new one");
    assertEquals(c("10.244.0.0/26"), CalicoBlocks.claim(pools, Map.of(), affinities, "w1", List.of()).block(),
        "a restarted node gets back the block it had");
  }

  @Test
  void disabledPoolsAndPoolsForOtherNodesAreSkippedAndAFullPoolSaysSo() {
    List<IPPool> pools = List.of(pool("a-off", "10.1.0.0/24", 26, null, true), pool("b-rack", "10.2.0.0/25", 26, "rack == 'b'", null),
        pool("c-tiny", "10.3.0.0/26", 26, "all()", null));
    assertEquals(c("10.2.0.0/26"), CalicoBlocks.claim(pools, Map.of("rack", "b"), Map.of(), "w1", List.of()).block());
    assertEquals(c("10.3.0.0/26"), CalicoBlocks.claim(pools, Map.of("rack", "a"), Map.of(), "w1", List.of()).block());
    CalicoBlocks.Claim full = CalicoBlocks.claim(pools, Map.of("rack", "a"), Map.of(c("10.3.0.0/26"), "w2"), "w1", List.of());
    assertNull(full.block());
    assertEquals("failed to request IPv4 addresses: no free blocks in IP pools [c-tiny]", full.error());
    assertEquals("failed to request IPv4 addresses: no IP pools are enabled for node w1",
        CalicoBlocks.claim(List.of(pools.get(0)), Map.of(), Map.of(), "w1", List.of()).error());
  }
}
