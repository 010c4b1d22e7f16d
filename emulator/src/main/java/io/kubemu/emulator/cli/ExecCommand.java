package io.kubemu.emulator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubemu.emulator.state.StateDir;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kubemu exec POD [-c CONTAINER] [-i] -- CMD ARGS}: prints the program's output and exits with its status. */
@Command(name = "exec", mixinStandardHelpOptions = true, description = "Run a program in a pod's container, as kubectl exec does.")
public final class ExecCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "the pod")
  String pod;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "CMD", description = "the command and its arguments, after --")
  List<String> command;

  @Option(names = {"-c", "--container"}, description = "container (default: the pod's first)")
  String container;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default")
  String namespace;

  @Option(names = {"-i", "--stdin"}, description = "pass this command's standard input to the program")
  boolean stdin;

  @Option(names = "--timeout", defaultValue = "300", description = "seconds before the program is killed (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    byte[] input = stdin ? System.in.readAllBytes() : new byte[0];
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("namespace", namespace);
    req.put("pod", pod);
    req.put("container", container == null ? "" : container);
    req.put("command", command);
    req.put("stdin", Base64.getEncoder().encodeToString(input));
    req.put("timeoutSeconds", timeoutSeconds);
    req.put("stream", true);
    int[] code = {-1};
    StringBuilder problem = new StringBuilder();
    int status = ApiClient.forState(StateDir.fromEnvironment())
        .postStreaming("/kubemu/v1/exec", req, Duration.ofSeconds(timeoutSeconds + 20), line -> {
          JsonNode event = parse(line);
          if (event == null) {
            problem.append(line).append('\n');
            return;
          }
          System.out.print(event.path("stdout").asText(""));
          System.out.flush();
          System.err.print(event.path("stderr").asText(""));
          System.err.flush();
          if (event.has("exitCode")) {
            code[0] = event.get("exitCode").asInt();
          }
        });
    if (status != 200 || code[0] < 0) {
      throw new CliException("Error from server: " + (problem.length() > 0 ? problem.toString().trim() : "the exec ended without an exit status"));
    }
    return code[0];
  }

  private static JsonNode parse(String line) {
    try {
      return ApiClient.JSON.readTree(line);
    } catch (java.io.IOException e) {
      return null;
    }
  }
}
