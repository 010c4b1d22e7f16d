package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemu.emulator.state.StateDir;
import io.kubemu.protocols.api.ManifestException;
import io.kubemu.protocols.api.ManifestLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kubemu apply -f FILE|DIR}: real Kubernetes YAML or JSON. Every document of every file is
 * checked first (file, line, field in every error) and then applied all together, or not at all.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, description = "Create or update objects from YAML or JSON files.")
public final class ApplyCommand implements Callable<Integer> {
  @Option(names = {"-f", "--filename"}, required = true, description = "a file or folder of .yaml/.yml/.json files; repeatable")
  List<Path> files;

  @Override
  public Integer call() throws IOException {
    List<HasMetadata> objects = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Path f : expand(files)) {
      try {
        objects.addAll(ManifestLoader.load(f));
      } catch (ManifestException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new CliException(String.join("\n", problems) + "\nnothing was applied");
    }
    if (objects.isEmpty()) {
      throw new CliException("no objects passed to apply");
    }
    List<JsonNode> json = objects.stream().map(o -> (JsonNode) ApiClient.JSON.valueToTree(o)).toList();
    ApiClient.Reply r = ApiClient.forState(StateDir.fromEnvironment()).post("/kubemu/v1/apply", Map.of("objects", json), Duration.ofSeconds(30));
    if (r.status() != 200) {
      throw new CliException("Error from server (" + r.json().path("reason").asText("Error") + "): " + r.error() + "\nnothing was applied");
    }
    r.json().path("results").forEach(l -> System.out.println(l.asText()));
    return 0;
  }

  private static List<Path> expand(List<Path> paths) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new CliException("the path \"" + p + "\" does not exist");
      }
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.toString().matches(".*\\.(ya?ml|json)$")).sorted().forEach(out::add);
        }
      } else {
        out.add(p);
      }
    }
    return out;
  }
}
