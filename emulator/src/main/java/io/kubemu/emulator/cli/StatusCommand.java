package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import io.kubemu.emulator.host.ClusterSettings;
import io.kubemu.emulator.state.ClusterRecord;
import io.kubemu.emulator.state.HostRecord;
import io.kubemu.emulator.state.PortRecord;
import io.kubemu.emulator.state.StateDir;
import io.kubemu.nodes.external.ExternalHost;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Hosts (name, pid, roles), nodes (name, host, node IP, pod CIDR, ready), every real endpoint, and the external hosts. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show hosts, nodes and the real endpoints the cluster opened.")
public final class StatusCommand implements Callable<Integer> {
  @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  String output;

  @Override
  public Integer call() {
    StateDir state = StateDir.fromEnvironment();
    ApiClient api = ApiClient.forState(state);
    ClusterRecord c = state.cluster();
    ObjectNode out = ApiClient.JSON.createObjectNode();
    out.put("stateDir", state.root().toString());
    out.put("backend", c == null ? null : c.backend());
    ArrayNode hosts = out.putArray("hosts");
    ArrayNode endpoints = out.putArray("endpoints");
    endpoints.addObject().put("name", "api").put("url", api.base());
    for (HostRecord h : state.hosts()) {
      ObjectNode n = hosts.addObject();
      n.put("name", h.name()).put("pid", h.pid()).put("alive", ProcessHandle.of(h.pid()).map(ProcessHandle::isAlive).orElse(false));
      n.set("roles", ApiClient.JSON.valueToTree(h.roles()));
      n.put("address", h.bind() + ":" + h.port());
      n.set("nodes", ApiClient.JSON.valueToTree(h.nodes()));
      endpoints.addObject().put("name", "metrics").put("host", h.name()).put("url", "http://" + h.bind() + ":" + h.metricsPort() + "/metrics");
      endpoints.addObject().put("name", "pekko").put("host", h.name()).put("url", "pekko://kubemu@" + h.bind() + ":" + h.port());
    }
    for (PortRecord p : state.ports()) {
      endpoints.addObject().put("name", p.kind() + " " + p.service()).put("host", p.host())
          .put("url", p.url()).put("enters", p.node() + " " + p.target())
          .put("requestedPort", p.requested());
    }
    externalHosts(state, out.putArray("externalHosts"));
    ArrayNode nodes = out.putArray("nodes");
    for (JsonNode n : api.get("/api/v1/nodes").json().path("items")) {
      ObjectNode o = nodes.addObject();
      o.put("name", n.path("metadata").path("name").asText());
      o.put("host", n.path("metadata").path("labels").path("kubemu.io/host").asText());
      o.put("nodeIP", n.path("status").path("addresses").path(0).path("address").asText());
      o.put("podCIDR", n.path("spec").path("podCIDR").asText());
      o.put("ready", Tables.nodeReady(n).equals("Ready"));
    }
    if (output.equals("json")) {
      System.out.println(out.toPrettyString());
      return 0;
    }
    if (!output.equals("table")) {
      throw new CliException("-o " + output + " (expected: table, json)");
    }
    System.out.println("HOSTS");
    Tables.print(List.of("NAME", "PID", "ALIVE", "ROLES", "ADDRESS", "NODES"), hosts, h -> List.of(h.path("name").asText(),
        h.path("pid").asText(), h.path("alive").asText(), String.join(",", Tables.strings(h.path("roles"))),
        h.path("address").asText(), String.join(",", Tables.strings(h.path("nodes")))));
    System.out.println("\nNODES");
    Tables.print(List.of("NAME", "HOST", "NODE-IP", "POD-CIDR", "READY"), nodes, n -> List.of(n.path("name").asText(),
        n.path("host").asText(), n.path("nodeIP").asText(), n.path("podCIDR").asText(), n.path("ready").asText()));
    System.out.println("\nENDPOINTS");
    Tables.print(List.of("NAME", "HOST", "URL", "ENTERS AT"), endpoints, e -> List.of(e.path("name").asText(), e.path("host").asText("-"),
        e.path("url").asText(), e.has("enters") ? e.path("enters").asText() + movedFrom(e) : "-"));
    System.out.println("\nEXTERNAL HOSTS (behind the node network's gateway)");
    Tables.print(List.of("NAME", "ADDRESS", "IMAGE", "HOST"), out.path("externalHosts"), e -> List.of(e.path("name").asText(),
        e.path("address").asText(), e.path("image").asText(), e.path("host").asText("-")));
    return 0;
  }

  /** The external hosts of the cluster's settings, and the host JVM of the entry node, which runs them. */
  private static void externalHosts(StateDir state, ArrayNode out) {
    if (!Files.exists(state.clusterConf())) {
      return;
    }
    ClusterSettings settings = ClusterSettings.from(ConfigFactory.parseFile(state.clusterConf().toFile())
        .withFallback(ConfigFactory.load()));
    String host = state.hosts().stream().filter(h -> h.nodes().contains(settings.entryNode())).map(HostRecord::name)
        .findFirst().orElse(null);
    for (ExternalHost e : settings.externalHosts()) {
      out.addObject().put("name", e.name()).put("address", e.address().toString()).put("image", e.image()).put("host", host);
    }
  }

  /** A port that was taken gets another; say which it wanted. */
  private static String movedFrom(JsonNode e) {
    int requested = e.path("requestedPort").asInt();
    if (e.path("url").asText().endsWith(":" + requested)) {
      return "";
    }
    return requested < 1024 ? " (" + requested + " is a privileged port)" : " (" + requested + " was taken)";
  }
}
