package io.kubemu.emulator.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.kubemu.emulator.controlplane.Addons;
import io.kubemu.nodes.agent.NodeConfig;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
  private static ClusterSettings settings(String overrides) {
    Config config = ConfigFactory.parseString(overrides).withFallback(ConfigFactory.defaultReference());
    return ClusterSettings.from(config);
  }

  private static final ClusterSettings DEFAULTS = settings("");

  @Test
  void defaultsAreReadFromReferenceConf() {
    assertEquals(Ipv4Cidr.parse("10.244.0.0/16"), DEFAULTS.clusterCidr());
    assertEquals(24, DEFAULTS.nodeCidrMask());
    assertEquals("flannel-vxlan", DEFAULTS.backend());
    assertEquals(1450, DEFAULTS.podMtu());
    assertEquals(Duration.ofSeconds(5), DEFAULTS.nodeGracePeriod());
  }

  @Test
  void nodeWnGetsTheNthBlockAndAddressNPlusOne() {
    NodeConfig w1 = DEFAULTS.node("w1", "h1");
    assertEquals(Ipv4Cidr.parse("10.244.0.0/24"), w1.podCidr());
    assertEquals(Ipv4Address.parse("172.18.0.2"), w1.nodeIp());
    assertEquals("h1", w1.host());
    assertEquals(Ipv4Cidr.parse("10.244.0.0/16"), w1.clusterCidr());
    NodeConfig w2 = DEFAULTS.node("w2", "h2");
    assertEquals(Ipv4Cidr.parse("10.244.1.0/24"), w2.podCidr());
    assertEquals(Ipv4Address.parse("172.18.0.3"), w2.nodeIp());
    assertEquals(Ipv4Cidr.parse("10.244.255.0/24"), DEFAULTS.node("w256", "h1").podCidr());
  }

  @Test
  void theClusterCidrBoundsTheNodeCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DEFAULTS.node("w257", "h1"));
    assertEquals("node w257 has no pod CIDR: cluster CIDR 10.244.0.0/16 holds only 256 /24 blocks", e.getMessage());
  }

  @Test
  void badNodeNamesAreRefused() {
    for (String name : new String[] {"w0", "w01", "W1", "node1", "w", "w1a", " w1", "w1234567"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClusterSettings.nodeIndex(name),
          name);
      assertEquals("bad node name: '" + name + "' (expected: w1, w2, ...)", e.getMessage());
    }
    assertEquals(42, ClusterSettings.nodeIndex("w42"));
  }

  @Test
  void maskOutOfRangeIsRefused() {
    IllegalArgumentException tooWide = assertThrows(IllegalArgumentException.class,
        () -> settings("kubemu.cluster.node-cidr-mask-size = 15"));
    assertEquals("bad kubemu.cluster.node-cidr-mask-size: 15 (expected: 16..30 for cluster CIDR 10.244.0.0/16)",
        tooWide.getMessage());
    assertThrows(IllegalArgumentException.class, () -> settings("kubemu.cluster.node-cidr-mask-size = 31"));
    assertEquals(30, settings("kubemu.cluster.node-cidr-mask-size = 30").nodeCidrMask());
  }

  @Test
  void aSmallerMaskGivesBiggerBlocks() {
    ClusterSettings s = settings("kubemu.cluster { cluster-cidr = \"10.0.0.0/8\", node-cidr-mask-size = 16, service-cidr = \"192.168.0.0/16\" }");
    assertEquals(Ipv4Cidr.parse("10.2.0.0/16"), s.node("w3", "h1").podCidr());
  }

  @Test
  void theServiceCidrMayNotOverlapThePodNetwork() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> settings("kubemu.cluster { cluster-cidr = \"10.0.0.0/8\", node-cidr-mask-size = 16 }"));
    assertEquals("bad kubemu.cluster.service-cidr: 10.96.0.0/12 overlaps 10.0.0.0/8 (expected: a range apart from the cluster CIDR"
        + " and the node network; set kubemu.cluster.service-cidr)", e.getMessage());
  }

  @Test
  void anUnknownBackendListsTheValidOnes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> settings("kubemu.cluster.backend = calico"));
    assertTrue(e.getMessage().contains("unknown backend: 'calico'"), e.getMessage());
    assertTrue(e.getMessage().contains("flannel-vxlan"), e.getMessage());
  }

  /** The defaults with another backend, bypassing the check that it is registered (calico-bgp is added in the nodes). */
  private static ClusterSettings withBackend(ClusterSettings s, String backend) {
    return new ClusterSettings(s.clusterCidr(), s.nodeCidrMask(), s.nodeNetwork(), backend, s.podMtu(), s.leaseRenewInterval(),
        s.nodeGracePeriod(), s.podEvictionTimeout(), s.services(), s.loadBalancerPool(), s.maxEndpointsPerSlice(), s.proxyMode(),
        s.proxyMinSyncPeriod(), s.ipvsScheduler(), s.entryNode(), s.ingressNginx(), s.externalHosts(), s.dns(), s.coreDns(),
        s.dnsPort(), s.bgp());
  }

  @Test
  void calicoBgpClustersGetCalicosDefaultPoolOverTheClusterCidr() {
    List<String> flannel = DEFAULTS.addons().stream().map(Addons.Addon::resource).toList();
    assertFalse(flannel.contains(Addons.CALICO_IPPOOL));
    List<Addons.Addon> calico = withBackend(DEFAULTS, ClusterSettings.CALICO_BGP).addons();
    Addons.Addon pool = calico.stream().filter(a -> a.resource().equals(Addons.CALICO_IPPOOL)).findFirst().orElseThrow();
    assertTrue(pool.manifest().contains("cidr: 10.244.0.0/16"), pool.manifest());
    assertEquals(flannel.size() + 1, calico.size(), "the pool and nothing else: no BGPConfiguration");
  }
}
