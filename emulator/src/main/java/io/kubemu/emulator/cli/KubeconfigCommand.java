package io.kubemu.emulator.cli;

import io.kubemu.emulator.state.StateDir;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Prints where the running cluster's kubeconfig is: {@code export KUBECONFIG=$(kubemu kubeconfig)}. */
@Command(name = "kubeconfig", mixinStandardHelpOptions = true,
    description = "Print the path of the kubeconfig that 'up' wrote, for kubectl: export KUBECONFIG=$(kubemu kubeconfig)")
public final class KubeconfigCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    StateDir state = StateDir.fromEnvironment();
    if (!Files.exists(state.kubeconfig())) {
      throw new CliException("no kubeconfig in " + state.root() + " (start a cluster with 'kubemu up', or set KUBEMU_HOME)");
    }
    if (!state.running()) {
      System.err.println("warning: no cluster is running in " + state.root() + "; the kubeconfig points at a stopped API server");
    }
    System.out.println(state.kubeconfig());
    return 0;
  }
}
