package io.kubemu.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code up --cni calico-bgp --set node-segments=2} on two host JVMs: w1 and w3 on 172.18.0.0/17, w2
 * on 172.18.128.0/17. With the default pool switched to ipipMode CrossSubnet, pods ping across
 * segments and within one, and only the traffic across goes through w1's tunl0; a pod on the
 * second segment reaches the external host, which sees its node's address. And up refuses
 * flannel-host-gw on two segments before starting anything.
 */
class NodeSegmentsIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String POOL = """
      apiVersion: projectcalico.org/v3
      kind: IPPool
      metadata: {name: default-ipv4-ippool}
      spec: {cidr: 10.244.0.0/16, blockSize: 26, ipipMode: CrossSubnet, vxlanMode: Never, natOutgoing: true, nodeSelector: all()}
      """;
  static Cli cli;

  static String pod(String name, String node) {
    return "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + "}\nspec:\n  nodeName: " + node
        + "\n  containers: [{name: busybox, image: \"busybox:1.36\", command: [sleep, \"3600\"]}]\n";
  }

  @BeforeAll
  static void up() throws Exception {
    Path home = Files.createTempDirectory("kubemu-segments-it-");
    cli = new Cli(home);
    Cli.Result r = cli.run("up", "--hosts", "2", "--nodes", "3", "--cni", "calico-bgp", "--set", "node-segments=2",
        "--set", "addons.ingress-nginx=false", "--set", "addons.coredns=false");
    assertEquals(0, r.exit(), r.toString());
    Path manifests = home.resolve("segments.yaml");
    Files.writeString(manifests, String.join("---\n", POOL, pod("client", "w1"), pod("across", "w2"), pod("same", "w3")));
    Cli.Result applied = cli.run("apply", "-f", manifests.toString());
    assertEquals(0, applied.exit(), applied.toString());
  }

  @AfterAll
  static void down() {
    Cli.Result r = cli.run("down");
    assertEquals(0, r.exit(), r.toString());
  }

  private static String podIp(String pod) throws Exception {
    for (int i = 0; i < 100; i++) {
      String ip = cli.json("get", "pod", pod, "-o", "json").path("status").path("podIP").asText();
      if (!ip.isEmpty()) {
        return ip;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(pod + " got no address");
  }

  /** The packets w1 sent into tunl0 so far, from the API's per-interface counters. */
  private static long w1Tunl0() throws Exception {
    String api = null;
    for (JsonNode e : cli.json("status", "-o", "json").path("endpoints")) {
      api = e.path("name").asText().equals("api") ? e.path("url").asText() : api;
    }
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(api + "/kubemu/v1/nodestats"))
        .build(), HttpResponse.BodyHandlers.ofString());
    for (JsonNode node : JSON.readTree(r.body())) {
      for (JsonNode iface : node.path("interfaces")) {
        if (node.path("node").asText().equals("w1") && iface.path("iface").asText().equals("tunl0")) {
          return iface.path("txPackets").asLong();
        }
      }
    }
    throw new AssertionError("no tunl0 on w1: " + r.body());
  }

  /** Pings {@code pod} from the client until it answers; returns how many packets w1's tunl0 carried meanwhile. */
  private static long pingThroughTunl0(String pod) throws Exception {
    String ip = podIp(pod);
    Cli.Result ping = null;
    for (int i = 0; i < 50 && (ping == null || ping.exit() != 0); i++) {
      long before = w1Tunl0();
      ping = cli.run("exec", "client", "--", "ping", "-c", "2", "-i", "0.2", ip);
      if (ping.exit() == 0) {
        return w1Tunl0() - before;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("ping " + pod + " " + ip + ": " + ping);
  }

  @Test
  void crossSubnetTunnelsOnlyBetweenSegments() throws Exception {
    String nodes = cli.run("get", "nodes", "-o", "wide").out();
    assertTrue(nodes.contains("172.18.128.2"), "w2 is on the second segment: " + nodes);
    long within = pingThroughTunl0("same");
    for (int i = 0; i < 50 && within > 0; i++) { // until the nodes have the pool's new mode
      Thread.sleep(200);
      within = pingThroughTunl0("same");
    }
    assertEquals(0, within, "w1 to w3, on one segment: straight on eth0");
    assertTrue(pingThroughTunl0("across") >= 2, "w1 to w2, across segments: IP-in-IP through tunl0");
  }

  @Test
  void aPodOnTheSecondSegmentReachesTheExternalHostWithItsNodesAddress() throws Exception {
    podIp("across");
    Cli.Result r = null;
    for (int i = 0; i < 50 && (r == null || r.exit() != 0); i++) {
      r = cli.run("exec", "across", "--", "wget", "-qO-", "http://203.0.113.10/clientip");
      Thread.sleep(r.exit() == 0 ? 0 : 200);
    }
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().startsWith("172.18.128.2:"), "masqueraded to w2's address: " + r);
  }

  @Test
  void upRefusesHostGwOnSeveralSegments() throws Exception {
    Cli other = new Cli(Files.createTempDirectory("kubemu-segments-hostgw-"));
    Cli.Result r = other.run("up", "--nodes", "2", "--cni", "flannel-host-gw", "--set", "node-segments=2");
    assertTrue(r.exit() != 0, r.toString());
    assertTrue(r.err().contains("host-gw needs every node on one L2 network"), r.toString());
    assertTrue(r.err().contains("172.18.0.0/17, 172.18.128.0/17"), r.toString());
  }
}
