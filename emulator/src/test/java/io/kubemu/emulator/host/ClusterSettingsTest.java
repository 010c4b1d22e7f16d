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

  /** Why the settings with {@code overrides} are refused. */
  private static String refusal(String overrides) {
    return assertThrows(IllegalArgumentException.class, () -> settings(overrides)).getMessage();
  }

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

  /** Node {@code name} of {@code s} is at {@code ip}, its eth0 on subnet {@code segment}. */
  private static void assertPlaced(ClusterSettings s, String name, String ip, String segment) {
    NodeConfig n = s.node(name, "h1");
    assertEquals(Ipv4Address.parse(ip), n.nodeIp(), name);
    assertEquals(Ipv4Cidr.parse(segment), n.nodeNetwork(), name);
  }

  @Test
  void oneSegmentIsTheWholeNodeNetworkAsBefore() {
    assertEquals(1, DEFAULTS.nodeSegments().count());
    assertPlaced(DEFAULTS, "w1", "172.18.0.2", "172.18.0.0/16");
    assertPlaced(DEFAULTS, "w3", "172.18.0.4", "172.18.0.0/16");
    assertEquals(Ipv4Address.parse("172.18.0.1"), DEFAULTS.node("w1", "h1").nodeNetwork().address(1), "the gateway");
  }

  @Test
  void twoSegmentsDealTheNodesRoundRobinOverTwoHalves() {
    ClusterSettings s = settings("kubemu.cluster.node-segments = 2");
    assertPlaced(s, "w1", "172.18.0.2", "172.18.0.0/17");
    assertPlaced(s, "w2", "172.18.128.2", "172.18.128.0/17");
    assertPlaced(s, "w3", "172.18.0.3", "172.18.0.0/17");
    assertPlaced(s, "w4", "172.18.128.3", "172.18.128.0/17");
    assertEquals(Ipv4Address.parse("172.18.128.1"), s.node("w2", "h1").nodeNetwork().address(1), "w2's gateway");
    assertEquals(Ipv4Cidr.parse("10.244.3.0/24"), s.node("w4", "h1").podCidr(), "pod CIDRs do not care");
  }

  @Test
  void threeSegmentsTakeAQuarterEach() {
    ClusterSettings s = settings("kubemu.cluster.node-segments = 3");
    assertPlaced(s, "w3", "172.18.128.2", "172.18.128.0/18");
    assertPlaced(s, "w4", "172.18.0.3", "172.18.0.0/18");
  }

  @Test
  void theSegmentCountIsBoundedAndMustFitTheNodeNetwork() {
    for (int bad : new int[] {0, -1, 65}) {
      assertEquals("bad kubemu.cluster.node-segments: " + bad + " (expected: 1..64)",
          refusal("kubemu.cluster.node-segments = " + bad));
    }
    assertEquals(64, settings("kubemu.cluster.node-segments = 64").nodeSegments().count());
    assertEquals("bad kubemu.cluster.node-segments: 5 (expected: at most 4 for node network 172.18.0.0/28: each segment"
        + " needs room for its gateway and a node, a /30 at least)",
        refusal("kubemu.cluster { node-network = \"172.18.0.0/28\", node-segments = 5 }"));
  }

  @Test
  void aFullSegmentIsRefusedNamingIt() {
    ClusterSettings s = settings("kubemu.cluster { node-network = \"172.18.0.0/28\", node-segments = 2 }");
    assertEquals(Ipv4Address.parse("172.18.0.14"), s.node("w10", "h1").nodeIp(), "a /29 holds five nodes");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.node("w12", "h1"));
    assertEquals("node w12 has no address: segment 1 (172.18.0.8/29) of node network 172.18.0.0/28 holds only 5 nodes"
        + " (expected: a larger kubemu.cluster.node-network, or fewer kubemu.cluster.node-segments)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> s.requireRoomFor(11));
    s.requireRoomFor(10);
  }

  @Test
  void aNodeAddressInTheLoadBalancerPoolIsRefused() {
    ClusterSettings s = settings("kubemu.cluster.load-balancer-pool = \"172.18.0.4-172.18.0.9\"");
    s.requireRoomFor(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.requireRoomFor(3));
    assertEquals("node w3 has no address: 172.18.0.4 is in kubemu.cluster.load-balancer-pool 172.18.0.4-172.18.0.9"
        + " (expected: a pool apart from the node addresses, or fewer nodes)", e.getMessage());
  }

  @Test
  void hostGwRefusesSeveralSegmentsNamingThem() {
    assertEquals("bad kubemu.cluster.node-segments: 2 with backend flannel-host-gw (expected: 1; host-gw needs every node"
        + " on one L2 network, as flanneld does, and 2 segments put the nodes on 2 subnets joined by a router:"
        + " 172.18.0.0/17, 172.18.128.0/17; across segments use flannel-vxlan or calico-bgp)",
        refusal("kubemu.cluster { backend = flannel-host-gw, node-segments = 2 }"));
    assertEquals(1, settings("kubemu.cluster.backend = flannel-host-gw").nodeSegments().count());
    assertEquals(2, settings("kubemu.cluster.node-segments = 2").nodeSegments().count(), "flannel-vxlan crosses segments");
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
    return new ClusterSettings(s.clusterCidr(), s.nodeCidrMask(), s.nodeSegments(), backend, s.podMtu(), s.leaseRenewInterval(),
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
