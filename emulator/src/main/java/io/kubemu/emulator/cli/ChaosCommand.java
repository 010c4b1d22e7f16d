package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.state.StateDir;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Failures of the emulated network: {@code kubemu chaos partition} and {@code heal}. */
@Command(name = "chaos", mixinStandardHelpOptions = true, description = "Break the emulated network on purpose.",
    subcommands = {ChaosCommand.Partition.class, ChaosCommand.Heal.class})
public final class ChaosCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The two groups of nodes a link command takes. */
  abstract static class Groups implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NODES", description = "one side, e.g. w1,w2")
    String a;

    @Parameters(index = "1", paramLabel = "NODES", description = "the other side, e.g. w3")
    String b;

    abstract boolean up();

    @Override
    public Integer call() {
      return links(a, b, up());
    }
  }

  @Command(name = "partition", mixinStandardHelpOptions = true,
      description = "Cut the underlay between two groups of nodes, both ways: what one side sends the other is lost.")
  static final class Partition extends Groups {
    @Override
    boolean up() {
      return false;
    }
  }

  @Command(name = "heal", mixinStandardHelpOptions = true, description = "Mend the underlay between two groups of nodes.")
  static final class Heal extends Groups {
    @Override
    boolean up() {
      return true;
    }
  }

  private static int links(String a, String b, boolean up) {
    ApiClient.Reply r = ApiClient.forState(StateDir.fromEnvironment()).post("/kubemu/v1/links",
        Map.of("a", nodes(a), "b", nodes(b), "up", up), java.time.Duration.ofSeconds(30));
    if (r.status() != 200) {
      throw new CliException(r.error());
    }
    JsonNode j = r.json();
    j.fields().forEachRemaining(e -> System.out.println(e.getKey() + ": " + (e.getValue().isEmpty() ? "all links up"
        : "cut off from " + String.join(", ", texts(e.getValue())))));
    return 0;
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static List<String> nodes(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
