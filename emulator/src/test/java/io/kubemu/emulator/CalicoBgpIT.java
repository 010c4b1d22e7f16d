package io.kubemu.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code up --cni calico-bgp} on two host JVMs, as a user drives it: every node's speaker meshes
 * with the others across the JVMs, {@code kubemu bgp} shows the sessions and routes, pod traffic
 * crosses hosts on the learned routes, and when a host JVM is killed its nodes' routes are withdrawn
 * from the survivors once the hold timer (9 s here) runs out, while the rest keeps forwarding.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CalicoBgpIT {
  static final ObjectMapper JSON = new ObjectMapper();
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
    JsonNode status = json("status", "-o", "json");
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

  private static JsonNode json(String... args) throws IOException {
    Cli.Result r = cli.run(args);
    assertEquals(0, r.exit(), r.toString());
    return JSON.readTree(r.out());
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
      w1 = json("bgp", "w1", "-o", "json");
      if (established(w1) == 3 && w1.path("routes").size() == 4) {
        break;
      }
      Thread.sleep(200);
    }
    assertEquals(3, established(w1), w1.toPrettyString());
    Cli.Result shown = cli.run("bgp", "w1");
    assertEquals(0, shown.exit(), shown.toString());
    assertTrue(shown.out().contains("| 172.18.0.3   | node-to-node mesh | up    |"), shown.out());
    assertTrue(shown.out().contains("10.244.1.0/24        unicast [Mesh_172_18_0_3"), shown.out());
    Cli.Result protocols = cli.run("bgp", "w2", "--protocols");
    assertTrue(protocols.out().contains("Mesh_172_18_0_2      BGP"), protocols.out());
    Cli.Result unknown = cli.run("bgp", "w9");
    assertTrue(unknown.exit() != 0 && unknown.err().contains("node w9 not found"), unknown.toString());
  }

  @Test
  @Order(2)
  void podTrafficCrossesHostsOnTheLearnedRoutes() throws Exception {
    String server = json("get", "pod", "server", "-o", "json").path("status").path("podIP").asText();
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
  void aKilledHostsRoutesAreWithdrawnWhenTheHoldTimerExpires() throws Exception {
    ProcessHandle.of(h2Pid).orElseThrow().destroyForcibly();
    long start = System.nanoTime();
    JsonNode w1 = null;
    while (System.nanoTime() - start < 40_000_000_000L) {
      w1 = json("bgp", "w1", "-o", "json");
      if (established(w1) == 3 - h2Nodes.size()) {
        break;
      }
      Thread.sleep(500);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(3 - h2Nodes.size(), established(w1), w1.toPrettyString());
    assertTrue(seconds > 4, "sessions end by the hold timer, not at once: " + seconds + " s");
    System.out.printf("routes of %s withdrawn from w1 %.1f s after kill -9 of h2%n", h2Nodes, seconds);
    String routes = cli.run("bgp", "w1", "--routes").out();
    for (String n : h2Nodes) {
      int index = Integer.parseInt(n.substring(1));
      assertFalse(routes.contains("10.244." + (index - 1) + ".0/24 "), n + "'s block withdrawn:\n" + routes);
    }
    assertTrue(cli.run("bgp", "w1").out().contains("hold timer expired"));
  }
}
