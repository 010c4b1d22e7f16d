package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.kubemu.emulator.state.StateDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubemu get pods|nodes|namespaces [NAME] [-w]} with kubectl's columns and outputs. */
@Command(name = "get", mixinStandardHelpOptions = true, description = "Show objects as kubectl get does: pods, nodes,"
    + " namespaces, services, endpointslices, ingresses, ingressclasses, deployments, replicasets, daemonsets, statefulsets, jobs, configmaps, secrets,"
    + " serviceaccounts, events, and Calico's ippools, bgpconfigurations and bgppeers.")
public final class GetCommand implements Callable<Integer> {
  /** The most one watch request asks the server for; the CLI watches again from where it was. */
  private static final long WATCH_REQUEST_SECONDS = 1800;

  /** A table's header and how each object becomes a row. */
  private record Table(List<String> headers, Function<JsonNode, List<String>> columns) {}

  @Parameters(index = "0", description = "a resource: pods, services, deployments, ... (short names too: svc, deploy, ...)")
  String resource;

  @Parameters(index = "1", arity = "0..1", description = "one object's name")
  String name;

  @Option(names = {"-o", "--output"}, description = "wide, json, yaml or name")
  String output;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default", description = "namespace (default: ${DEFAULT-VALUE})")
  String namespace;

  @Option(names = {"-A", "--all-namespaces"}, description = "across all namespaces")
  boolean all;

  @Option(names = {"-w", "--watch"}, description = "after listing, print a line per change until Ctrl-C")
  boolean watch;

  @Option(names = "--timeout", paramLabel = "SECONDS", description = "with --watch: stop after this many seconds (default: never)")
  Long timeoutSeconds;

  private String plural;
  private Table table;
  private int[] widths;
  private boolean printed;
  private String lastVersion;
  private String watchError;

  @Override
  public Integer call() throws Exception {
    ResourceNames.Resource res = ResourceNames.find(resource).orElseThrow(() -> new CliException(
        "the server doesn't have a resource type \"" + resource + "\" (kubemu get knows: " + String.join(", ", ResourceNames.known()) + ")"));
    plural = res.plural();
    if (output != null && !List.of("wide", "json", "yaml", "name").contains(output)) {
      throw new CliException("unable to match a printer suitable for the output format \"" + output + "\", allowed formats are: json,name,wide,yaml");
    }
    boolean namespaced = res.namespaced();
    String collection = res.collection(all ? null : namespace);
    ApiClient client = ApiClient.forState(StateDir.fromEnvironment());
    boolean ownTable = List.of("pods", "nodes", "namespaces").contains(plural);
    if (!ownTable && watch) {
      throw new CliException("kubemu get -w knows pods, nodes and namespaces; for " + plural + " use kubectl get -w");
    }
    if (!ownTable && (output == null || output.equals("wide"))) {
      ApiClient.Reply t = client.getTable(collection + (name != null ? "/" + name : ""));
      if (t.status() != 200) {
        throw new CliException("Error from server (" + (t.status() == 404 ? "NotFound" : t.status()) + "): " + t.error());
      }
      if (!ServerTables.print(t.json(), "wide".equals(output), all && namespaced)) {
        System.err.println(namespaced && !all ? "No resources found in " + namespace + " namespace." : "No resources found");
      }
      return 0;
    }
    ApiClient.Reply r = client.get(collection + (name != null ? "/" + name : ""));
    if (r.status() != 200) {
      throw new CliException("Error from server (" + (r.status() == 404 ? "NotFound" : r.status()) + "): " + r.error());
    }
    JsonNode body = r.json();
    table = table("wide".equals(output));
    if ("json".equals(output) || "yaml".equals(output)) {
      printObject(body);
    } else {
      List<JsonNode> items = new ArrayList<>();
      if (name != null) {
        items.add(body);
      } else {
        body.path("items").forEach(items::add);
      }
      if (items.isEmpty() && !"name".equals(output)) {
        System.err.println(namespaced && !all ? "No resources found in " + namespace + " namespace." : "No resources found");
      } else if (!"name".equals(output)) {
        widths = Tables.print(table.headers(), items, table.columns());
      } else {
        items.forEach(this::printObject);
      }
    }
    return watch ? watch(client, collection, body.path("metadata").path("resourceVersion").asText("0")) : 0;
  }

  /** Watches from {@code version} until the timeout, again from the last version seen whenever the server ends a watch. */
  private int watch(ApiClient client, String collection, String version) {
    long deadline = timeoutSeconds == null ? Long.MAX_VALUE : System.currentTimeMillis() + timeoutSeconds * 1000;
    lastVersion = version;
    while (System.currentTimeMillis() < deadline) {
      long seconds = Math.min(WATCH_REQUEST_SECONDS, Math.max(1, (deadline - System.currentTimeMillis() + 999) / 1000));
      String path = collection + "?watch=true&resourceVersion=" + lastVersion + "&timeoutSeconds=" + seconds;
      int status = client.getStreaming(path, Duration.ofSeconds(20), this::onWatchLine);
      if (status != 200 || watchError != null) {
        throw new CliException("watch failed (status " + status + "): " + watchError);
      }
    }
    return 0;
  }

  private void onWatchLine(String line) {
    JsonNode event = parse(line);
    if (event == null) {
      return;
    }
    JsonNode object = event.path("object");
    if (event.path("type").asText().equals("ERROR")) {
      watchError = object.path("message").asText(line);
      return;
    }
    lastVersion = object.path("metadata").path("resourceVersion").asText(lastVersion);
    if (name == null || name.equals(object.path("metadata").path("name").asText())) {
      printObject(object);
    }
  }

  private static JsonNode parse(String line) {
    if (line.isBlank()) {
      return null;
    }
    try {
      return ApiClient.JSON.readTree(line);
    } catch (IOException e) {
      throw new CliException("the API server sent a watch line that is not JSON: " + line);
    }
  }

  /** Prints one object in the chosen output; in a table, the header comes with the first row. */
  private void printObject(JsonNode o) {
    try {
      switch (output == null ? "table" : output) {
        case "json" -> System.out.println(o.toPrettyString());
        case "yaml" -> System.out.print((printed ? "---\n" : "") + new YAMLMapper().writeValueAsString(o));
        case "name" -> System.out.println(ResourceNames.find(plural).orElseThrow().singular() + "/" + o.path("metadata").path("name").asText());
        default -> {
          if (widths == null) {
            widths = Tables.print(table.headers(), List.of(o), table.columns());
          } else {
            Tables.printRow(table.columns().apply(o), widths);
          }
        }
      }
      printed = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Table table(boolean wide) {
    return switch (plural) {
      case "pods" -> podTable(wide);
      case "nodes" -> nodeTable(wide);
      default -> new Table(List.of("NAME", "STATUS", "AGE"), n -> List.of(n.path("metadata").path("name").asText(),
          n.path("status").path("phase").asText("Active"), Tables.age(n.path("metadata"))));
    };
  }

  private Table podTable(boolean wide) {
    List<String> headers = new ArrayList<>(List.of("NAME", "READY", "STATUS", "RESTARTS", "AGE"));
    if (wide) {
      headers.addAll(List.of("IP", "NODE", "NOMINATED NODE", "READINESS GATES"));
    }
    if (all) {
      headers.add(0, "NAMESPACE");
    }
    return new Table(headers, p -> {
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

  private Table nodeTable(boolean wide) {
    List<String> headers = new ArrayList<>(List.of("NAME", "STATUS", "ROLES", "AGE", "VERSION"));
    if (wide) {
      headers.addAll(List.of("INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"));
    }
    return new Table(headers, n -> {
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
