package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.state.StateDir;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a node's BGP speaker: its sessions as calicoctl node status does, its routes as birdc show route does. */
@Command(name = "bgp", mixinStandardHelpOptions = true,
    description = "Show a node's BGP sessions (calicoctl node status) and routes (birdc show route); needs --cni calico-bgp.")
public final class BgpCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NODE", description = "the node, e.g. w1")
  String node;

  @Option(names = "--protocols", description = "print the sessions as birdc show protocols does, and nothing else")
  boolean protocols;

  @Option(names = "--routes", description = "print only the routes (birdc show route)")
  boolean routes;

  @Option(names = {"-o", "--output"}, description = "json: the speaker's state as data")
  String output;

  @Override
  public Integer call() {
    ApiClient.Reply r = ApiClient.forState(StateDir.fromEnvironment()).get("/kubemu/v1/bgp/" + node);
    if (r.status() != 200) {
      throw new CliException(r.error());
    }
    JsonNode j = r.json();
    if ("json".equals(output)) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) j).remove(java.util.List.of("statusText", "protocolsText", "routesText"));
      System.out.println(j.toPrettyString());
    } else if (output != null) {
      throw new CliException("bad --output: '" + output + "' (expected: json)");
    } else if (protocols) {
      System.out.print(j.path("protocolsText").asText());
    } else if (routes) {
      System.out.print(j.path("routesText").asText());
    } else {
      System.out.print(j.path("statusText").asText() + "\n" + j.path("routesText").asText());
    }
    return 0;
  }
}
