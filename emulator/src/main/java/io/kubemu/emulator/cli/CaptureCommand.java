package io.kubemu.emulator.cli;

import io.kubemu.emulator.state.StateDir;
import io.kubemu.protocols.pcap.PcapReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Captures a node's or a pod's interface for a while into a pcap file that tshark and Wireshark read. */
@Command(name = "capture", mixinStandardHelpOptions = true,
    description = "Capture a node interface (eth0, cni0, flannel.1, veth...) or a pod interface (eth0, lo) to a pcap file.")
public final class CaptureCommand implements Callable<Integer> {
  @Option(names = "--node", description = "the node whose interface to capture")
  String node;

  @Option(names = "--pod", description = "the pod whose interface to capture")
  String pod;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default")
  String namespace;

  @Option(names = {"-i", "--iface"}, required = true, description = "interface name")
  String iface;

  @Option(names = "--seconds", defaultValue = "5", description = "how long (default: ${DEFAULT-VALUE})")
  double seconds;

  @Option(names = "--out", required = true, description = "pcap file to write")
  Path out;

  @Override
  public Integer call() throws Exception {
    if ((node == null) == (pod == null)) {
      throw new CliException("give exactly one of --node or --pod");
    }
    if (seconds <= 0 || seconds > 3600) {
      throw new CliException("--seconds " + seconds + " (expected: more than 0, at most 3600)");
    }
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("node", node);
    req.put("pod", pod);
    req.put("namespace", namespace);
    req.put("iface", iface);
    req.put("seconds", seconds);
    ApiClient.Reply r = ApiClient.forState(StateDir.fromEnvironment())
        .post("/kubemu/v1/capture", req, Duration.ofMillis((long) (seconds * 1000) + 30_000));
    if (r.status() != 200) {
      throw new CliException(r.error());
    }
    Files.write(out, r.body());
    int packets = PcapReader.decode(r.body()).records().size();
    System.out.println("captured " + packets + " packets on " + (node != null ? node : namespace + "/" + pod) + " " + iface
        + " into " + out);
    return 0;
  }
}
