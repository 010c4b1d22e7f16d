package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kubemu.emulator.state.StateDir;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubemu get pods|nodes|namespaces [NAME]} with kubectl's columns and outputs. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show objects as kubectl get does: pods, nodes, namespaces.")
public final class GetCommand implements Callable<Integer> {
  private static final Map<String, String> ALIASES = Map.of("pods", "pods", "pod", "pods", "po", "pods",
      "nodes", "nodes", "node", "nodes", "no", "nodes", "namespaces", "namespaces", "namespace", "namespaces", "ns", "namespaces");

  @Parameters(index = "0", description = "pods, nodes or namespaces")
  String resource;

  @Parameters(index = "1", arity = "0..1", description = "one object's name")
  String name;

  @Option(names = {"-o", "--output"}, description = "wide, json, yaml or name")
  String output;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "namespace (default: ${DEFAULT-VALUE})")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"}, description = "across all namespaces")
  boolean all;

  @Override
  public Integer call() throws Exception {
    String plural = ALIASES.get(resource);
    if (plural == null) {
      throw new CliException("the server doesn't have a resource type \"" + resource + "\" (kubemu get knows: pods, nodes, namespaces)");
    }
    if (output != null && !List.of("wide", "json", "yaml", "name").contains(output)) {
      throw new CliException("unable to match a printer suitable for the output format \"" + output + "\", allowed formats are: json,name,wide,yaml");
    }
    boolean namespaced = plural.equals("pods");
    String path = "/api/v1/" + (namespaced && !all ? "namespaces/" + namespace + "/" : "") + plural + (name != null ? "/" + name : "");
    ApiClient.Reply r = ApiClient.forState(StateDir.fromEnvironment()).get(path);
    if (r.status() != 200) {
      throw new CliException("Error from server (" + (r.status() == 404 ? "NotFound" : r.status()) + "): " + r.error());
    }
    JsonNode body = r.json();
    if ("json".equals(output)) {
      System.out.println(body.toPrettyString());
      return 0;
    }
    if ("yaml".equals(output)) {
      System.out.print(new YAMLMapper().writeValueAsString(body));
      return 0;
    }
    List<JsonNode> items = new ArrayList<>();
    if (name != null) {
      items.add(body);
    } else {
      body.path("items").forEach(items::add);
    }
    if ("name".equals(output)) {
      items.forEach(i -> System.out.println(plural.replaceAll("s$", "") + "/" + i.path("metadata").path("name").asText()));
      return 0;
    }
    if (items.isEmpty()) {
      System.err.println(namespaced && !all ? "No resources found in " + namespace + " namespace." : "No resources found");
      return 0;
    }
    boolean wide = "wide".equals(output);
    switch (plural) {
      case "pods" -> printPods(items, wide);
      case "nodes" -> printNodes(items, wide);
      default -> Tables.print(List.of("NAME", "STATUS", "AGE"), items, n -> List.of(n.path("metadata").path("name").asText(),
          n.path("status").path("phase").asText("Active"), Tables.age(n.path("metadata"))));
    }
    return 0;
  }

  private void printPods(List<JsonNode> items, boolean wide) {
    List<String> headers = new ArrayList<>(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"));
    if (wide) {
      headers.addAll(List.of("IP", "NODE", "NOMINATED NODE", "READINESS GATES"));
    }
    if (all) {
      headers.add(0, "NAMESPACE");
    }
    Tables.print(headers, items, p -> {
      List<String> row = new ArrayList<>(List.of(p.path("metadata").path("name").asText(), Tables.podReady(p),
          Tables.podStatus(p), Tables.restarts(p), Tables.age(p.path("metadata"))));
      if (wide) {
        row.addAll(List.of(p.path("status").path("podIP").asText("<none>"), p.path("spec").path("nodeName").asText("<none>"),
            "<none>", "<none>"));
      }
      if (all) {
        row.add(0, p.path("metadata").path("namespace").asText());
      }
      return row;
    });
  }

  private void printNodes(List<JsonNode> items, boolean wide) {
    List<String> headers = new ArrayList<>(List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION"));
    if (wide) {
      headers.addAll(List.of("INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"));
    }
    Tables.print(headers, items, n -> {
      JsonNode info = n.path("status").path("nodeInfo");
      List<String> row = new ArrayList<>(List.of(n.path("metadata").path("name").asText(), Tables.nodeReady(n), "<none>",
          Tables.age(n.path("metadata")), info.path("kubeletVersion").asText()));
      if (wide) {
        row.addAll(List.of(n.path("status").path("addresses").path(0).path("address").asText(), "<none>",
            info.path("osImage").asText(), info.path("kernelVersion").asText(), info.path("containerRuntimeVersion").asText()));
      }
      return row;
    });
  }
}
