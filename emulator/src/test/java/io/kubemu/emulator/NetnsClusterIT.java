package io.kubemu.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemu.emulator.Shell.Result;
import io.kubemu.emulator.state.HostRecord;
import io.kubemu.emulator.state.StateDir;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A cluster that truly spans two addresses: two network namespaces made by this test, joined by a
 * veth pair on a private /30, one host JVM in each bound to its own address ({@code kubemu host
 * --join}, as on two machines), and the CLI driven from inside the first. Traffic stays inside the
 * two namespaces. Skipped unless run as root with {@code ip netns}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetnsClusterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADDR_A = "10.251.0.1";
  private static final String ADDR_B = "10.251.0.2";

  private final Path repo = Path.of(System.getProperty("kubemu.repo", "..")).toAbsolutePath().normalize();
  private final List<Process> hosts = new ArrayList<>();
  private final Thread cleanupOnExit = new Thread(this::cleanUp, "netns-it-cleanup");
  private String skipReason;
  private NetnsPair net;
  private Path tmp;
  private int pekkoPort;

  @BeforeAll
  void startTwoHostsInTwoNamespaces() throws Exception {
    skipReason = NetnsPair.unsupported().map(why -> why + " (this test needs root and 'ip netns')").orElse(null);
    if (skipReason != null) {
      System.out.println("NetnsClusterIT skipped: " + skipReason);
      return;
    }
    Path jar = repo.resolve("emulator/target/kubemu-emulator.jar");
    assertTrue(Files.isRegularFile(jar), "no packaged CLI at " + jar + " (run the package phase first)");
    Runtime.getRuntime().addShutdownHook(cleanupOnExit);
    tmp = Files.createTempDirectory("kubemu-netns-it-");
    net = NetnsPair.create(ADDR_A, ADDR_B);
    pekkoPort = freePort();
    int apiPort = freePort();
    hosts.add(startHost(net.a(), "h1", ADDR_A, "control-plane,worker", "w1", apiPort));
    hosts.add(startHost(net.b(), "h2", ADDR_B, "worker", "w2", 0));
    System.out.println("NetnsClusterIT: h1 in " + net.a() + " (" + ADDR_A + "), h2 in " + net.b() + " (" + ADDR_B
        + "), Pekko port " + pekkoPort + ", API http://" + ADDR_A + ":" + apiPort + ", logs in " + tmp);
    await("w1 and w2 Ready", Duration.ofSeconds(90), () -> kubemu("get", "nodes", "-o", "json"),
        r -> r.code() == 0 && readyNodes(JSON.readTree(r.out())).containsAll(List.of("w1", "w2")));
  }

  /** Skips each test rather than the class, so that reports count them as skipped. */
  @BeforeEach
  void requireNamespaces() {
    Assumptions.assumeTrue(skipReason == null, skipReason);
  }

  @Test
  void eachHostRunsInItsOwnNamespaceOnItsOwnAddress() throws Exception {
    HostRecord h1 = record("h1");
    HostRecord h2 = record("h2");
    assertEquals(ADDR_A + ":" + pekkoPort, h1.bind() + ":" + h1.port());
    assertEquals(ADDR_B + ":" + pekkoPort, h2.bind() + ":" + h2.port());
    assertEquals(net.a(), NetnsPair.of(h1.pid()));
    assertEquals(net.b(), NetnsPair.of(h2.pid()));

    JsonNode status = JSON.readTree(ok(kubemu("status", "-o", "json")));
    assertEquals(ADDR_A + ":" + pekkoPort, status.path("hosts").path(0).path("address").asText(), status.toPrettyString());
    Map<String, String> hostOfNode = new HashMap<>();
    status.path("nodes").forEach(n -> hostOfNode.put(n.path("name").asText(), n.path("host").asText()));
    assertEquals(Map.of("w1", "h1", "w2", "h2"), hostOfNode, status.toPrettyString());

    String established = Shell.sh(NetnsPair.in(net.a(), List.of("ss", "-Htn", "state", "established")).toArray(String[]::new));
    assertTrue(established.lines().anyMatch(l -> l.contains(ADDR_A) && l.contains(ADDR_B)),
        "no TCP connection between " + ADDR_A + " and " + ADDR_B + " in " + net.a() + ":\n" + established);
  }

  @Test
  void aPodOnH1PingsAPodOnH2() throws Exception {
    ok(kubemu("apply", "-f", repo.resolve("examples/two-pods.yaml").toString()));
    Result pods = await("client and server Running", Duration.ofSeconds(60), () -> kubemu("get", "pods", "-o", "json"),
        r -> r.code() == 0 && running(JSON.readTree(r.out())).containsAll(List.of("client", "server")));
    String serverIp = "";
    for (JsonNode p : JSON.readTree(pods.out()).path("items")) {
      if (p.path("metadata").path("name").asText().equals("server")) {
        assertEquals("w2", p.path("spec").path("nodeName").asText());
        serverIp = p.path("status").path("podIP").asText();
      }
    }
    Result ping = kubemu("exec", "client", "--", "ping", "-c", "3", "-i", "0.3", serverIp);
    System.out.println("NetnsClusterIT: client (w1 on h1) pings server " + serverIp + " (w2 on h2):\n" + ping.out());
    assertEquals(0, ping.code(), ping.out());
    assertTrue(ping.out().contains(" 0% packet loss"), ping.out());
  }

  /** Stops the hosts (their run markers first, then by force), deletes the namespaces and the temp folder. */
  @AfterAll
  void cleanUp() {
    List<String> problems = new ArrayList<>();
    if (tmp != null) {
      for (String h : List.of("h1", "h2")) {
        new StateDir(tmp.resolve(h)).clearRun();
      }
    }
    hosts.forEach(p -> Shell.stop(p.toHandle(), Duration.ofSeconds(15)));
    hosts.clear();
    if (net != null) {
      try {
        net.close();
        net = null;
      } catch (IOException e) {
        problems.add(e.getMessage());
      }
    }
    if (tmp != null) {
      try (Stream<Path> all = Files.walk(tmp)) {
        all.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        tmp = null;
      } catch (IOException e) {
        problems.add("temp folder " + tmp + ": " + e.getMessage());
      }
    }
    if (Thread.currentThread() != cleanupOnExit) {
      try {
        Runtime.getRuntime().removeShutdownHook(cleanupOnExit);
      } catch (IllegalStateException e) {
        // the JVM is shutting down: the hook runs this again, harmlessly
      }
    }
    if (!problems.isEmpty()) {
      fail("cleanup left something behind: " + problems);
    }
  }

  private Process startHost(String ns, String name, String bind, String roles, String nodes, int apiPort) throws IOException {
    Path stateDir = Files.createDirectories(tmp.resolve(name));
    List<String> cmd = NetnsPair.in(ns, List.of(java(), "-Xmx512m", "-Xss512k", "-XX:+UseParallelGC", "-Dkubemu.host=" + name,
        "-cp", classpath(), "io.kubemu.emulator.cli.Kubemu", "host", "--join", ADDR_A + ":" + pekkoPort, "--bind", bind,
        "--port", Integer.toString(pekkoPort), "--name", name, "--roles", roles, "--nodes", nodes,
        "--api-port", Integer.toString(apiPort), "--state-dir", stateDir.toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve(name + ".log").toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().remove("KUBEMU_API");
    pb.environment().remove("KUBEMU_HOME");
    return pb.start();
  }

  /** The CLI, run inside the first namespace, where h1's API server listens, finding it through h1's state folder. */
  private Result kubemu(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath(),
        "io.kubemu.emulator.cli.Kubemu"));
    cmd.addAll(List.of(args));
    return Shell.run(Duration.ofSeconds(60), Map.of("KUBEMU_HOME", tmp.resolve("h1").toString()), NetnsPair.in(net.a(), cmd));
  }

  private HostRecord record(String host) throws IOException {
    return JSON.readValue(tmp.resolve(host).resolve("run/hosts/" + host + ".json").toFile(), HostRecord.class);
  }

  private interface Step {
    Result run() throws Exception;
  }

  private interface Check {
    boolean test(Result r) throws Exception;
  }

  /** Repeats {@code step} until {@code done}, failing at once with the hosts' logs when a host JVM dies. */
  private Result await(String what, Duration timeout, Step step, Check done) throws Exception {
    long start = System.nanoTime();
    Result last = null;
    while (System.nanoTime() - start < timeout.toNanos()) {
      for (Process h : hosts) {
        if (!h.isAlive()) {
          fail("a host exited (status " + h.exitValue() + ") while waiting for " + what + "\n" + logs());
        }
      }
      last = step.run();
      if (done.test(last)) {
        System.out.printf("NetnsClusterIT: %s after %.1fs%n", what, (System.nanoTime() - start) / 1e9);
        return last;
      }
      Thread.sleep(500);
    }
    return fail("not " + what + " after " + timeout.toSeconds() + "s; last answer: " + last + "\n" + logs());
  }

  private static List<String> readyNodes(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : list.path("items")) {
      for (JsonNode c : n.path("status").path("conditions")) {
        if (c.path("type").asText().equals("Ready") && c.path("status").asText().equals("True")) {
          out.add(n.path("metadata").path("name").asText());
        }
      }
    }
    return out;
  }

  private static List<String> running(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode p : list.path("items")) {
      if (p.path("status").path("phase").asText().equals("Running") && !p.path("status").path("podIP").asText().isEmpty()) {
        out.add(p.path("metadata").path("name").asText());
      }
    }
    return out;
  }

  private String logs() {
    StringBuilder out = new StringBuilder();
    for (String h : List.of("h1", "h2")) {
      try {
        List<String> lines = Files.readAllLines(tmp.resolve(h + ".log"));
        out.append("--- last lines of ").append(h).append(".log\n")
            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()))).append('\n');
      } catch (IOException e) {
        out.append("--- no ").append(h).append(".log\n");
      }
    }
    return out.toString();
  }

  private static String ok(Result r) {
    assertEquals(0, r.code(), r.out());
    return r.out();
  }

  private String classpath() {
    return repo.resolve("emulator/target/kubemu-emulator.jar") + File.pathSeparator + repo.resolve("emulator/target/lib/*");
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A port number free on this machine; the namespaces have their own, empty, port spaces. */
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
