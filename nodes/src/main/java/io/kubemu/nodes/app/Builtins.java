package io.kubemu.nodes.app;

import java.util.List;

/** The one-shot busybox applets: echo, hostname, true, false, and ip (addr, route, neigh). */
public final class Builtins implements App {
  @Override
  public void start(AppContext ctx) {
    List<String> argv = ctx.argv();
    switch (argv.get(0)) {
      case "echo" -> {
        boolean newline = argv.size() < 2 || !argv.get(1).equals("-n");
        List<String> words = argv.subList(newline ? 1 : 2, argv.size());
        ctx.out(String.join(" ", words) + (newline ? "\n" : ""));
        ctx.exit(0);
      }
      case "hostname" -> {
        ctx.out(ctx.hostname() + "\n");
        ctx.exit(0);
      }
      case "true" -> ctx.exit(0);
      case "false" -> ctx.exit(1);
      case "ip" -> ip(ctx, argv);
      case "sh" -> {
        // Without a terminal, busybox sh reads an empty stdin and exits 0, as a bare busybox container does.
        if (argv.size() > 1) {
          ctx.err("sh: scripts are not supported by kubemu's busybox yet; run the applet directly\n");
          ctx.exit(2);
        } else {
          ctx.exit(0);
        }
      }
      default -> {
        ctx.err(argv.get(0) + ": applet not found\n");
        ctx.exit(127);
      }
    }
  }

  private static void ip(AppContext ctx, List<String> argv) {
    String object = argv.size() > 1 ? argv.get(1) : "";
    switch (object) {
      case "a", "addr", "address" -> ctx.out(ctx.net().lo().show(1) + ctx.net().eth0().show(2));
      case "r", "route" -> ctx.out(ctx.net().routes().show());
      case "n", "neigh", "neighbor" -> ctx.out(ctx.net().neighbors().show("eth0"));
      default -> {
        ctx.err("Usage: ip { addr | route | neigh } [show]\n");
        ctx.exit(1);
        return;
      }
    }
    ctx.exit(0);
  }
}
