package io.kubemu.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemu.emulator.bench.Failover;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The control plane survives losing its host: three host JVMs, h1 and h2 with the control-plane
 * role; objects written through the REST API; kill -9 of the host running the API store; the API
 * answers again on the same port with every acknowledged object, takes new writes, watches open
 * across the failover end (so their clients watch again), and the pods of the surviving nodes run
 * on untouched. kubectl, through the kubeconfig that up wrote, sees it all.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ControlPlaneFailoverIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  static final int CONFIG_MAPS = 50;
  static final String CONFIG_MAPS_PATH = "/api/v1/namespaces/default/configmaps";
  /** Watches open across the failover: the kernel spreads them over h1's and h2's API servers. */
  static final int WATCHES = 6;
  static Path home;
  static Cli cli;
  static String api;
  static final Map<String, Long> pids = new java.util.TreeMap<>();

  @BeforeAll
  static void up() throws IOException {
    home = Files.createTempDirectory("kubemu-failover-it-");
    cli = new Cli(home);
    Cli.Result r = cli.run("up", "--hosts", "3", "--nodes", "3", "--control-plane", "h1,h2");
    assertEquals(0, r.exit(), r.toString());
    JsonNode status = json(cli.run("status", "-o", "json").out());
    for (JsonNode h : status.path("hosts")) {
      pids.put(h.path("name").asText(), h.path("pid").asLong());
    }
    api = status.path("endpoints").path(0).path("url").asText();
    assertEquals(3, pids.size(), status.toString());
  }

  @AfterAll
  static void down() {
    Cli.Result r = cli.run("down");
    for (long pid : pids.values()) {
      ProcessHandle.of(pid).ifPresent(p -> p.onExit().completeOnTimeout(p, 20, TimeUnit.SECONDS).join());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "host pid " + pid + " still alive after down");
    }
    assertEquals(0, r.exit(), r.toString());
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  static HttpResponse<String> send(String method, String path, String body, Duration timeout) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(timeout).header("Content-Type", "application/json");
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static int createConfigMap(String name) throws IOException, InterruptedException {
    String body = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"name\":\"" + name + "\"}}";
    return send("POST", CONFIG_MAPS_PATH, body, Duration.ofSeconds(20)).statusCode();
  }

  /** A watch of the ConfigMaps from their list's version; its future completes when the server ends the response. */
  static CompletableFuture<HttpResponse<String>> openWatch() throws IOException, InterruptedException {
    String version = json(send("GET", CONFIG_MAPS_PATH, null, Duration.ofSeconds(20)).body()).path("metadata").path("resourceVersion").asText();
    URI uri = URI.create(api + CONFIG_MAPS_PATH + "?watch=true&resourceVersion=" + version + "&timeoutSeconds=600");
    return HTTP.sendAsync(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  static Set<String> configMapNames(HttpResponse<String> list) {
    Set<String> names = new HashSet<>();
    json(list.body()).path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
    return names;
  }

  /** The pods, once both are Running with an IP. */
  static Map<String, JsonNode> runningPods(Duration within) throws Exception {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, JsonNode> pods = new java.util.TreeMap<>();
      Cli.Result r = cli.run("get", "pods", "-o", "json");
      if (r.exit() == 0) {
        for (JsonNode p : json(r.out()).path("items")) {
          assertTrue(pods.put(p.path("metadata").path("name").asText(), p) == null, "a pod listed twice: " + r.out());
        }
        if (pods.size() == 2 && pods.values().stream().allMatch(p -> p.path("status").path("phase").asText().equals("Running")
            && p.path("status").hasNonNull("podIP"))) {
          return pods;
        }
      }
      Thread.sleep(300);
    }
    throw new AssertionError("pods not Running within " + within.toSeconds() + "s: " + cli.run("get", "pods", "-o", "wide"));
  }

  /** The host, other than {@code except}, whose log shows the API store singleton starting there. */
  static String storeHost(String except) throws IOException {
    return Failover.storeHost(home.resolve("logs"), pids.keySet(), except)
        .orElseThrow(() -> new AssertionError("no host log" + (except == null ? "" : " but " + except + "'s")
            + " shows the API store singleton starting"));
  }

  static Shell.Result kubectl(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", cli.run("kubeconfig").out().strip(), "--request-timeout=20s"));
    cmd.addAll(List.of(args));
    return Shell.run(Duration.ofSeconds(60), Map.of(), cmd);
  }

  @Test
  @Order(1)
  void kubectlWorksThroughTheKubeconfigThatUpWrote() throws Exception {
    Cli.Result path = cli.run("kubeconfig");
    assertEquals(0, path.exit(), path.toString());
    assertEquals(home.resolve("kubeconfig").toString(), path.out().strip());
    assertTrue(Files.readString(Path.of(path.out().strip())).contains("server: " + api), "the kubeconfig names the shared API address");
    Assumptions.assumeTrue(Shell.works("kubectl", "version", "--client"), "kubectl not installed");
    Shell.Result ns = kubectl("get", "namespaces", "-o", "json");
    assertEquals(0, ns.code(), ns.out());
    assertTrue(ns.out().contains("\"kube-system\""), ns.out());
  }

  @Test
  @Order(2)
  void killingTheHostOfTheApiStoreLosesNoAcknowledgedWriteAndThePodsRunOn() throws Exception {
    Path pods = home.resolve("pods.yaml");
    Files.writeString(pods, """
        apiVersion: v1
        kind: Pod
        metadata:
          name: on-w2
        spec:
          nodeName: w2
          containers:
            - name: c
              image: busybox
              command: ["sleep", "infinity"]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: on-w3
        spec:
          nodeName: w3
          containers:
            - name: c
              image: busybox
              command: ["sleep", "infinity"]
        """);
    Cli.Result applied = cli.run("apply", "-f", pods.toString());
    assertEquals(0, applied.exit(), applied.toString());
    Map<String, JsonNode> before = runningPods(Duration.ofSeconds(60));
    for (int i = 0; i < CONFIG_MAPS; i++) {
      assertEquals(201, createConfigMap("cm-" + i), "cm-" + i + " acknowledged");
    }

    List<CompletableFuture<HttpResponse<String>>> watches = new ArrayList<>();
    for (int i = 0; i < WATCHES; i++) {
      watches.add(openWatch());
    }

    String victim = storeHost(null);
    assertEquals("h1", victim, "the oldest control-plane host runs the API store");
    long start = System.nanoTime();
    ProcessHandle.of(pids.get(victim)).orElseThrow().destroyForcibly();
    HttpRequest listRequest = HttpRequest.newBuilder(URI.create(api + CONFIG_MAPS_PATH)).timeout(Duration.ofSeconds(2)).GET().build();
    double failover = Failover.awaitStatus(HTTP, () -> listRequest, 200, start, Duration.ofSeconds(120)) / 1e9;
    System.out.printf("API answered again on %s %.1f s after kill -9 of %s (the API store's host)%n", api, failover, victim);
    assertEquals("h2", storeHost(victim), "the other control-plane host took the API store over");
    HttpResponse<String> list = send("GET", CONFIG_MAPS_PATH, null, Duration.ofSeconds(20));
    assertEquals(200, list.statusCode(), list.body());

    Set<String> names = configMapNames(list);
    for (int i = 0; i < CONFIG_MAPS; i++) {
      assertTrue(names.contains("cm-" + i), "acknowledged cm-" + i + " survived: " + names);
    }
    assertEquals(201, createConfigMap("after-failover"), "writes work on the new store");
    assertTrue(configMapNames(send("GET", CONFIG_MAPS_PATH, null, Duration.ofSeconds(20))).contains("after-failover"));

    for (var w : watches) {
      try {
        w.get(60, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        // a watch through h1's API server ends with its connection
      } catch (TimeoutException e) {
        throw new AssertionError("a watch open across the failover never ended, so its client would never watch again", e);
      }
    }

    Map<String, JsonNode> after = runningPods(Duration.ofSeconds(30));
    for (String pod : List.of("on-w2", "on-w3")) {
      JsonNode b = before.get(pod);
      JsonNode a = after.get(pod);
      assertEquals(b.path("metadata").path("uid"), a.path("metadata").path("uid"), pod);
      assertEquals(b.path("status").path("podIP"), a.path("status").path("podIP"), pod + " kept its IP");
      assertEquals(b.path("spec").path("nodeName"), a.path("spec").path("nodeName"), pod);
      assertEquals(0, a.path("status").path("containerStatuses").path(0).path("restartCount").asInt(), pod + " was not restarted");
    }
    Cli.Result ping = null;
    for (int i = 0; i < 30 && (ping == null || ping.exit() != 0); i++) {
      ping = cli.run("exec", "on-w2", "--", "ping", "-c", "2", "-i", "0.3", after.get("on-w3").path("status").path("podIP").asText());
    }
    assertEquals(0, ping.exit(), "on-w2 still reaches on-w3, through the new store's exec: " + ping);

    String w1Ready = null;
    for (long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); !"Unknown".equals(w1Ready) && System.nanoTime() < until; ) {
      HttpResponse<String> w1 = send("GET", "/api/v1/nodes/w1", null, Duration.ofSeconds(5));
      assertEquals(200, w1.statusCode(), "w1, registered with the old store, is still a Node: " + w1.body());
      for (JsonNode c : json(w1.body()).path("status").path("conditions")) {
        if (c.path("type").asText().equals("Ready")) {
          w1Ready = c.path("status").asText();
        }
      }
      Thread.sleep(500);
    }
    assertEquals("Unknown", w1Ready, "w1 died with h1: the new store turns it NotReady, so its pods get evicted");

    Assumptions.assumeTrue(Shell.works("kubectl", "version", "--client"), "kubectl not installed");
    Shell.Result maps = kubectl("get", "configmaps", "-o", "name");
    assertEquals(0, maps.code(), maps.out());
    assertEquals(CONFIG_MAPS + 1, maps.out().lines().filter(l -> l.startsWith("configmap/cm-") || l.equals("configmap/after-failover")).count(),
        "kubectl, with the same kubeconfig, sees every ConfigMap: " + maps.out());
  }
}
