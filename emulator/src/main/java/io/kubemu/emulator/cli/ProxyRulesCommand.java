package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.state.StateDir;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints what a node's kube-proxy programmed, as its mode's own tool would (iptables-save for iptables). */
@Command(name = "proxy-rules", mixinStandardHelpOptions = true,
    description = "Show what kube-proxy programmed on a node (iptables-save style), and with --conntrack its conntrack table.")
public final class ProxyRulesCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "NODE", description = "the node, e.g. w1")
  String node;

  @Option(names = "--conntrack", description = "print the node's conntrack table (conntrack -L) instead")
  boolean conntrack;

  @Override
  public Integer call() {
    ApiClient.Reply r = ApiClient.forState(StateDir.fromEnvironment()).get("/kubemu/v1/proxyrules/" + node);
    if (r.status() != 200) {
      throw new CliException(r.error());
    }
    JsonNode j = r.json();
    System.out.print(conntrack ? j.path("conntrack").asText() : "# kube-proxy mode " + j.path("mode").asText() + " on "
        + j.path("node").asText() + "\n" + j.path("rules").asText());
    return 0;
  }
}
