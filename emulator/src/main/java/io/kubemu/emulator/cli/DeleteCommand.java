package io.kubemu.emulator.cli;

import io.kubemu.emulator.state.StateDir;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubemu delete pod NAME...}: the pod's containers stop and its IP is released. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete objects by kind and name"
    + " (their dependents go too, in the background, as kubectl's default cascade).")
public final class DeleteCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "a resource: pod, service, deployment, ... (short names too: svc, deploy, ...)")
  String kind;

  @Parameters(index = "1..*", arity = "1..*", description = "names")
  List<String> names;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default")
  String namespace;

  @Override
  public Integer call() {
    ResourceNames.Resource res = ResourceNames.find(kind).orElseThrow(() -> new CliException(
        "the server doesn't have a resource type \"" + kind + "\" (kubemu delete knows: " + String.join(", ", ResourceNames.known()) + ")"));
    ApiClient api = ApiClient.forState(StateDir.fromEnvironment());
    int status = 0;
    for (String n : names) {
      ApiClient.Reply r = api.delete(res.collection(namespace) + "/" + n);
      if (r.status() == 200 || r.status() == 202) {
        System.out.println(res.singular() + " \"" + n + "\" deleted");
      } else {
        System.err.println("Error from server (NotFound): " + r.error());
        status = 1;
      }
    }
    return status;
  }
}
