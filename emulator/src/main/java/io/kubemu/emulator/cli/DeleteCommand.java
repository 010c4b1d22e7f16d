package io.kubemu.emulator.cli;

import io.kubemu.emulator.state.StateDir;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubemu delete pod NAME...}: the pod's containers stop and its IP is released. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete objects by kind and name.")
public final class DeleteCommand implements Callable<Integer> {
  private static final Map<String, String> KINDS = Map.of("pod", "pods", "pods", "pods", "po", "pods",
      "namespace", "namespaces", "ns", "namespaces", "configmap", "configmaps", "cm", "configmaps");

  @Parameters(index = "0", description = "kind: pod, namespace, configmap")
  String kind;

  @Parameters(index = "1..*", arity = "1..*", description = "names")
  List<String> names;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default")
  String namespace;

  @Override
  public Integer call() {
    String plural = KINDS.get(kind);
    if (plural == null) {
      throw new CliException("the server doesn't have a resource type \"" + kind + "\" (kubemu delete knows: pod, namespace, configmap)");
    }
    ApiClient api = ApiClient.forState(StateDir.fromEnvironment());
    int status = 0;
    for (String n : names) {
      String path = "/api/v1/" + (plural.equals("namespaces") ? "" : "namespaces/" + namespace + "/") + plural + "/" + n;
      ApiClient.Reply r = api.delete(path);
      if (r.status() == 200) {
        System.out.println(plural.replaceAll("s$", "") + " \"" + n + "\" deleted");
      } else {
        System.err.println("Error from server (NotFound): " + r.error());
        status = 1;
      }
    }
    return status;
  }
}
