package io.kubemu.nodes.net;

import static io.kubemu.nodes.net.TestFrames.ip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
  private static final Ipv4Cidr DEFAULT = Ipv4Cidr.parse("0.0.0.0/0");
  private static final Ipv4Cidr CLUSTER = Ipv4Cidr.parse("10.244.0.0/16");
  private static final Ipv4Cidr LOCAL = Ipv4Cidr.parse("10.244.0.0/24");
  private static final Ipv4Cidr W2 = Ipv4Cidr.parse("10.244.1.0/24");

  private final RoutingTable table = new RoutingTable();

  private String deviceFor(String address) {
    return table.lookup(ip(address)).map(Route::device).orElse("none");
  }

  @Test
  void longestPrefixWinsWhateverTheInsertionOrder() {
    table.add(Route.via(DEFAULT, ip("172.18.0.1"), "eth0"));
    table.add(Route.connected(LOCAL, "cni0"));
    table.add(Route.via(CLUSTER, ip("10.244.0.1"), "blackhole"));
    table.add(new Route(W2, ip("10.244.1.0"), "flannel.1", true));
    assertEquals("cni0", deviceFor("10.244.0.9"));
    assertEquals("flannel.1", deviceFor("10.244.1.9"));
    assertEquals("blackhole", deviceFor("10.244.7.9"));
    assertEquals("eth0", deviceFor("8.8.8.8"));
  }

  @Test
  void noRouteWithoutADefault() {
    table.add(Route.connected(LOCAL, "cni0"));
    assertEquals(Optional.empty(), table.lookup(ip("10.244.1.1")));
    assertEquals(Optional.empty(), new RoutingTable().lookup(ip("10.244.0.1")));
  }

  @Test
  void addingTheSameDestinationReplaces() {
    table.add(Route.via(W2, ip("172.18.0.3"), "eth0"));
    table.add(new Route(W2, ip("10.244.1.0"), "flannel.1", true));
    assertEquals(1, table.routes().size());
    assertEquals(ip("10.244.1.0"), table.lookup(ip("10.244.1.2")).orElseThrow().gateway());
  }

  @Test
  void removeDeletesOnlyThatDestination() {
    table.add(Route.connected(LOCAL, "cni0"));
    table.add(new Route(W2, ip("10.244.1.0"), "flannel.1", true));
    assertTrue(table.remove(W2));
    assertFalse(table.remove(W2));
    assertEquals(Optional.empty(), table.lookup(ip("10.244.1.2")));
    assertEquals("cni0", deviceFor("10.244.0.2"));
  }

  @Test
  void nextHopIsTheGatewayOrTheDestinationItself() {
    assertEquals(ip("10.244.0.1"), Route.via(DEFAULT, ip("10.244.0.1"), "eth0").nextHop(ip("1.1.1.1")));
    assertEquals(ip("10.244.0.7"), Route.connected(LOCAL, "eth0").nextHop(ip("10.244.0.7")));
  }

  @Test
  void showPrintsLikeIpRoute() {
    table.add(Route.connected(LOCAL, "eth0"));
    table.add(Route.via(CLUSTER, ip("10.244.0.1"), "eth0"));
    table.add(Route.via(DEFAULT, ip("10.244.0.1"), "eth0"));
    table.add(new Route(W2, ip("10.244.1.0"), "flannel.1", true));
    assertEquals("""
        default via 10.244.0.1 dev eth0
        10.244.0.0/24 dev eth0 scope link
        10.244.0.0/16 via 10.244.0.1 dev eth0
        10.244.1.0/24 via 10.244.1.0 dev flannel.1 onlink
        """, table.show());
  }

  @Test
  void showOrdersDestinationsNumericallyAsTheKernelDoes() {
    table.add(new Route(Ipv4Cidr.parse("10.244.10.0/24"), ip("10.244.10.0"), "flannel.1", true));
    table.add(new Route(Ipv4Cidr.parse("10.244.2.0/24"), ip("10.244.2.0"), "flannel.1", true));
    table.add(Route.connected(Ipv4Cidr.parse("9.0.0.0/8"), "eth0"));
    assertEquals("""
        9.0.0.0/8 dev eth0 scope link
        10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink
        10.244.10.0/24 via 10.244.10.0 dev flannel.1 onlink
        """, table.show());
  }

  /** A 1,024-node Calico cluster: a /26 per node, every address routed by its own block, none lost or confused. */
  @Test
  void everyBlockOfAFullPoolKeepsItsRoute() {
    Ipv4Cidr pool = Ipv4Cidr.parse("10.244.0.0/16");
    table.add(Route.via(DEFAULT, ip("172.18.0.1"), "eth0"));
    for (int i = 0; i < 1024; i++) {
      table.add(new Route(pool.subnet(26, i), pool.subnet(26, i).address(1), "tunl0", true));
    }
    for (int i = 0; i < 1024; i += 7) {
      Ipv4Cidr block = pool.subnet(26, i);
      assertEquals(block, table.lookup(block.address(63)).orElseThrow().destination());
    }
    assertTrue(table.remove(pool.subnet(26, 100)));
    assertEquals(DEFAULT, table.lookup(pool.subnet(26, 100).address(5)).orElseThrow().destination());
    assertEquals(1024, table.routes().size());
  }
}

