package io.kubemu.emulator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The kubemu command line: start and stop emulated clusters, and use them as kubectl would. */
@Command(name = "kubemu", mixinStandardHelpOptions = true, version = "kubemu 0.1.0",
    description = "A Kubernetes networking emulator: nodes, pods and controllers as Pekko actors over several JVMs.",
    subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, ApplyCommand.class, GetCommand.class,
        DeleteCommand.class, ExecCommand.class, CaptureCommand.class, HostCommand.class, DemoCommand.class,
        BenchCommand.class, KubeconfigCommand.class, ProxyRulesCommand.class, BgpCommand.class, ChaosCommand.class, CommandLine.HelpCommand.class})
public final class Kubemu implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Kubemu());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof CliException c) {
        cmd.getErr().println("error: " + c.getMessage());
        return c.exitCode();
      }
      cmd.getErr().println("error: " + ex);
      return 1;
    });
    return cl;
  }

  public static void main(String[] args) {
    int code = commandLine().execute(args);
    if (code != Integer.MIN_VALUE) {
      System.exit(code);
    }
  }
}
