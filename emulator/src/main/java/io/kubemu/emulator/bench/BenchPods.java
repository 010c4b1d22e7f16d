package io.kubemu.emulator.bench;

import java.util.List;
import java.util.stream.Collectors;

/** The pods the bench runs, as the JSON a node agent's RunPod carries. */
final class BenchPods {
  static final String IMAGE = "kubemu/bench";

  private BenchPods() {}

  static String pod(String name, String node, String image, List<String> command) {
    String argv = command.stream().map(BenchPods::quote).collect(Collectors.joining(",", "[", "]"));
    return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":" + quote(name) + ",\"namespace\":\"default\","
        + "\"uid\":" + quote("bench-" + name) + "},\"spec\":{\"nodeName\":" + quote(node) + ",\"restartPolicy\":\"Never\","
        + "\"containers\":[{\"name\":\"main\",\"image\":" + quote(image) + ",\"command\":" + argv + "}]}}";
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
