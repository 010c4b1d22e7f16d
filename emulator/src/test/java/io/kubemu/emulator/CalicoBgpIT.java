package io.kubemu.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Duration;
import io.kubemu.emulator.bgp.Bird;
import io.kubemu.emulator.bgp.BirdConfig;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code up --cni calico-bgp} on two host JVMs, as a user drives it: every node's speaker meshes
 * with the others across the JVMs, {@code kubemu bgp} shows the sessions and routes, pods get
 * addresses of /26 blocks their nodes claimed, pod traffic crosses hosts on the learned routes, the
 * route-reflector example switches the topology without a restart, a real BIRD on loopback peers
 * with every node through a BGPPeer, and when a host JVM is killed its nodes' routes are withdrawn
 * from the survivors once the hold timer (9 s here) runs out, while the rest keeps forwarding.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CalicoBgpIT {
  static Path home;
  static Cli cli;
  static List<String> h2Nodes = new ArrayList<>();
  static long h2Pid;

  @BeforeAll
  static void up() throws Exception {
    home = Files.createTempDirectory("kubemu-bgp-it-");
    cli = new Cli(home);
    Cli.Result r = cli.run("up", "--hosts", "2", "--nodes", "4", "--cni", "calico-bgp", "--set", "bgp.hold-time=9s",
        "--set", "bgp.keepalive-time=3s", "--set", "addons.ingress-nginx=false");
    assertEquals(0, r.exit(), r.toString());
    JsonNode status = cli.json("status", "-o", "json");
    JsonNode h2 = status.path("hosts").get(1);
    h2Pid = h2.path("pid").asLong();
    h2.path("nodes").forEach(n -> h2Nodes.add(n.asText()));
    assertFalse(h2Nodes.isEmpty(), status.toString());
    Cli.Result applied = cli.run("apply", "-f", Cli.repo().resolve("examples/two-pods.yaml").toString());
    assertEquals(0, applied.exit(), applied.toString());
  }

  @AfterAll
  static void down() {
    Cli.Result r = cli.run("down");
    assertEquals(0, r.exit(), r.toString());
  }

  private static long established(JsonNode bgp) {
    long n = 0;
    for (JsonNode p : bgp.path("peers")) {
      n += p.path("state").asText().equals("ESTABLISHED") ? 1 : 0;
    }
    return n;
  }

  @Test
  @Order(1)
  void everyNodeMeshesWithTheOthersAcrossTheJvms() throws Exception {
    JsonNode w1 = null;
    for (int i = 0; i < 100; i++) {
      w1 = cli.json("bgp", "w1", "-o", "json");
      if (established(w1) == 3) {
        break;
      }
      Thread.sleep(200);
    }
    assertEquals(3, established(w1), w1.toPrettyString());
    Cli.Result shown = cli.run("bgp", "w1");
    assertEquals(0, shown.exit(), shown.toString());
    assertTrue(shown.out().contains("| 172.18.0.3   | node-to-node mesh | up    |"), shown.out());
    // every learned block comes from the node that holds it: the mesh session's address is the next hop
    int learned = 0;
    for (JsonNode r : w1.path("routes")) {
      if (!r.path("nextHop").asText().isEmpty()) {
        learned++;
        assertEquals("Mesh_" + r.path("nextHop").asText().replace('.', '_'), r.path("protocol").asText(), r.toString());
      }
    }
    assertTrue(learned > 0, "w1 learned the blocks of the nodes with pods (CoreDNS's): " + shown.out());
    Cli.Result protocols = cli.run("bgp", "w2", "--protocols");
    assertTrue(protocols.out().contains("Mesh_172_18_0_2      BGP"), protocols.out());
    Cli.Result unknown = cli.run("bgp", "w9");
    assertTrue(unknown.exit() != 0 && unknown.err().contains("node w9 not found"), unknown.toString());
  }

  @Test
  @Order(2)
  void podTrafficCrossesHostsOnTheLearnedRoutes() throws Exception {
    String server = cli.json("get", "pod", "server", "-o", "json").path("status").path("podIP").asText();
    Cli.Result ping = null;
    for (int i = 0; i < 50; i++) {
      ping = cli.run("exec", "client", "--", "ping", "-c", "2", "-i", "0.3", server);
      if (ping.exit() == 0) {
        break;
      }
      Thread.sleep(200);
    }
    assertEquals(0, ping.exit(), ping.toString());
  }

  @Test
  @Order(3)
  void podsGetAddressesOfBlocksTheirNodesClaimed() throws Exception {
    JsonNode affinities = cli.json("get", "blockaffinities", "-o", "json");
    Map<String, String> blockOf = new HashMap<>();
    affinities.path("items").forEach(a -> blockOf.put(a.path("spec").path("node").asText(), a.path("spec").path("cidr").asText()));
    JsonNode client = cli.json("get", "pod", "client", "-o", "json");
    String block = blockOf.get(client.path("spec").path("nodeName").asText());
    assertTrue(block != null && block.endsWith("/26"), affinities.toPrettyString());
    assertTrue(Ipv4Cidr.parse(block).contains(Ipv4Address.parse(client.path("status").path("podIP").asText())),
        "the client's address is of its node's block " + block);
    Cli.Result routes = cli.run("exec", "client", "--", "ip", "route");
    assertTrue(routes.out().contains("default via 169.254.1.1 dev eth0"), routes.toString());
    assertTrue(cli.run("get", "ippools").out().contains("default-ipv4-ippool   10.244.0.0/16"));
  }

  @Test
  @Order(4)
  void theRouteReflectorExampleReplacesTheMeshWithoutARestart() throws Exception {
    Cli.Result applied = cli.run("apply", "-f", Cli.repo().resolve("examples/bgp-route-reflectors.yaml").toString());
    assertEquals(0, applied.exit(), applied.toString());
    JsonNode w3 = null;
    for (int i = 0; i < 100; i++) {
      w3 = cli.json("bgp", "w3", "-o", "json");
      if (w3.path("peers").size() == 2 && established(w3) == 2 && w3.path("routes").size() >= 4) {
        break;
      }
      Thread.sleep(200);
    }
    assertEquals(2, established(w3), "w3 peers with the two reflectors only: " + w3.toPrettyString());
    String table = cli.run("bgp", "w3", "--routes").out();
    assertTrue(table.contains("BGP.cluster_list: 244.0.0.1"), table);
    assertTrue(cli.run("bgp", "w1").out().contains("(rr client)"));
    podTrafficCrossesHostsOnTheLearnedRoutes();
  }

  @Test
  @Order(5)
  void aRealBirdPeersWithTheNodesThroughABgpPeer() throws Exception {
    Bird.assumeInstalled();
    try (Bird bird = Bird.start(BirdConfig.router(65000).neighborRange("127.0.0.0/8", 0).announce("203.0.113.0/24")
        .nodeNetwork("172.18.0.0/16"))) {
      Path peer = home.resolve("tor.yaml");
      Files.writeString(peer, "apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: tor}\n"
          + "spec: {peerIP: \"127.0.0.1:" + bird.port() + "\", asNumber: 65000}\n");
      Cli.Result applied = cli.run("apply", "-f", peer.toString());
      assertEquals(0, applied.exit(), applied.toString());
      bird.await("four nodes Established with BIRD", Duration.ofSeconds(30), () -> {
        long up = bird.protocols().stream().filter(p -> "Established".equals(p.bgpState())).count();
        return up == 4 ? Optional.of(up) : Optional.empty();
      });
      Ipv4Address client = Ipv4Address.parse(cli.json("get", "pod", "client", "-o", "json").path("status").path("podIP").asText());
      bird.await("BIRD learned the client's block", Duration.ofSeconds(15), () ->
          bird.routes().stream().filter(r -> Ipv4Cidr.parse(r.prefix()).contains(client)).findFirst());
      String w1 = "";
      for (int i = 0; i < 50 && !w1.contains("203.0.113.0/24"); i++) {
        w1 = cli.run("bgp", "w1", "--routes").out();
        Thread.sleep(200);
      }
      assertTrue(w1.contains("203.0.113.0/24       unicast [Global_127_0_0_1_port_" + bird.port()), w1);
      assertTrue(w1.contains("[AS65000i]"), w1);
    }
  }

  @Test
  @Order(6)
  void aPartitionWithdrawsTheRoutesAcrossItUntilItHeals() throws Exception {
    // After the route-reflector example: w3 and w4 learn their routes from w1 and w2 only.
    Cli.Result cut = cli.run("chaos", "partition", "w3", "w1,w2");
    assertEquals(0, cut.exit(), cut.toString());
    assertTrue(cut.out().contains("w3: cut off from w1, w2"), cut.out());
    JsonNode w3 = null;
    for (int i = 0; i < 60 && (w3 == null || established(w3) > 0); i++) {
      Thread.sleep(500);
      w3 = cli.json("bgp", "w3", "-o", "json");
    }
    assertEquals(0, established(w3), "w3's sessions to the reflectors end by their hold timers: " + w3.toPrettyString());
    String table = cli.run("bgp", "w3", "--routes").out();
    assertFalse(table.contains("unicast [Global_172_18_0_"), "w3 withdrew what it learned across the partition:\n" + table);
    Cli.Result bad = cli.run("chaos", "partition", "w3", "w9");
    assertTrue(bad.exit() != 0 && bad.err().contains("no such node: w9"), bad.toString());
    Cli.Result healed = cli.run("chaos", "heal", "w3", "w1,w2");
    assertEquals(0, healed.exit(), healed.toString());
    for (int i = 0; i < 60 && established(w3) < 2; i++) {
      Thread.sleep(500);
      w3 = cli.json("bgp", "w3", "-o", "json");
    }
    assertEquals(2, established(w3), "sessions come back once the links are mended: " + w3.toPrettyString());
  }

  @Test
  @Order(7)
  void aKilledHostsRoutesAreWithdrawnWhenTheHoldTimerExpires() throws Exception {
    Map<String, String> blockOf = new HashMap<>();
    cli.json("get", "blockaffinities", "-o", "json").path("items")
        .forEach(a -> blockOf.put(a.path("spec").path("node").asText(), a.path("spec").path("cidr").asText()));
    ProcessHandle.of(h2Pid).orElseThrow().destroyForcibly();
    long start = System.nanoTime();
    String routes = "";
    while (System.nanoTime() - start < 40_000_000_000L) {
      String table = cli.run("bgp", "w3", "--routes").out();
      routes = table;
      if (h2Nodes.stream().noneMatch(n -> blockOf.containsKey(n) && routes(n, blockOf, table))) {
        break;
      }
      Thread.sleep(500);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    for (String n : h2Nodes) {
      assertFalse(blockOf.containsKey(n) && routes(n, blockOf, routes), n + "'s block withdrawn:\n" + routes);
    }
    assertTrue(seconds > 4, "sessions end by the hold timer, not at once: " + seconds + " s");
    System.out.printf("routes of %s withdrawn from w3 %.1f s after kill -9 of h2%n", h2Nodes, seconds);
    assertTrue(cli.run("bgp", "w3").out().contains("hold timer expired"));
    Cli.Result ping = cli.run("exec", "client", "--", "ping", "-c", "1", cli.json("get", "pod", "client", "-o", "json")
        .path("status").path("podIP").asText());
    assertEquals(0, ping.exit(), "the rest keeps forwarding: " + ping);
  }

  private static boolean routes(String node, Map<String, String> blockOf, String table) {
    return table.contains(blockOf.get(node) + " ");
  }
}
