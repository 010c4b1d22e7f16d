package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.state.StateDir;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job, end to end: a 2-host, 3-node cluster in a fresh state folder, two pods on nodes in
 * different JVMs, ping and UDP echo across them through the VXLAN overlay while flannel.1 is
 * captured, a short report, and the cluster stopped again.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the walking-skeleton demo: up, apply, ping across JVMs, capture, report, down.")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--example", description = "Pod manifest to apply (default: examples/two-pods.yaml in the kubemu folder).")
  Path example;

  @Override
  public Integer call() throws Exception {
    Path file = example != null ? example : Path.of(System.getProperty("kubemu.repo", "."), "examples", "two-pods.yaml");
    if (!Files.exists(file)) {
      throw new CliException("example manifest " + file + " not found (run from the kubemu folder, or pass --example)");
    }
    Path home = Files.createTempDirectory("kubemu-demo-");
    System.setProperty("kubemu.home", home.toString());
    StateDir state = StateDir.fromEnvironment();
    Path pcap = home.resolve("w1-flannel.1.pcap");
    int status = 1;
    try {
      step("kubemu up --hosts 2 --nodes 3");
      run("up", "--hosts", "2", "--nodes", "3");
      step("kubemu apply -f " + file);
      run("apply", "-f", file.toString());
      String serverIp = awaitRunning(ApiClient.forState(state), "server");
      awaitRunning(ApiClient.forState(state), "client");
      step("kubemu get pods -o wide");
      run("get", "pods", "-o", "wide");
      step("kubemu capture --node w1 --iface flannel.1 --seconds 4   (in the background)");
      CompletableFuture<Integer> capture = CompletableFuture.supplyAsync(() ->
          Kubemu.commandLine().execute("capture", "--node", "w1", "--iface", "flannel.1", "--seconds", "4", "--out", pcap.toString()));
      Thread.sleep(300);
      step("kubemu exec client -- ping -c 3 " + serverIp);
      int ping = run("exec", "client", "--", "ping", "-c", "3", "-i", "0.5", serverIp);
      step("echo 'hello over VXLAN' | kubemu exec -i client -- nc -u -w 1 " + serverIp + " 7");
      InputStream in = System.in;
      System.setIn(new ByteArrayInputStream("hello over VXLAN\n".getBytes()));
      int echo = run("exec", "-i", "client", "--", "nc", "-u", "-w", "1", serverIp, "7");
      System.setIn(in);
      int captured = capture.get();
      step("report");
      System.out.println(CaptureSummary.describe(pcap));
      System.out.println("ping across JVMs: " + (ping == 0 ? "ok" : "FAILED (exit " + ping + ")")
          + "; UDP echo: " + (echo == 0 ? "ok" : "FAILED (exit " + echo + ")")
          + "; capture: " + (captured == 0 ? pcap : "FAILED"));
      status = ping == 0 && echo == 0 && captured == 0 ? 0 : 1;
    } finally {
      step("kubemu down");
      Kubemu.commandLine().execute("down");
    }
    System.out.println(status == 0 ? "demo passed (logs and capture in " + home + ")" : "demo FAILED (logs in " + home + "/logs)");
    return status;
  }

  private static void step(String what) {
    System.out.println("\n$ " + what);
  }

  private static int run(String... args) {
    CommandLine cl = Kubemu.commandLine();
    int code = cl.execute(args);
    if (args[0].equals("up") || args[0].equals("apply")) {
      if (code != 0) {
        throw new CliException("'kubemu " + String.join(" ", args) + "' failed");
      }
    }
    return code;
  }

  /** Waits for a pod to be Running with an IP; returns the IP. */
  static String awaitRunning(ApiClient api, String pod) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      ApiClient.Reply r = api.get("/api/v1/namespaces/default/pods/" + pod);
      if (r.status() == 200) {
        JsonNode p = r.json();
        if (p.path("status").path("phase").asText().equals("Running") && p.path("status").hasNonNull("podIP")) {
          return p.path("status").path("podIP").asText();
        }
      }
      Thread.sleep(200);
    }
    throw new CliException("pod " + pod + " did not become Running within 60s");
  }
}
