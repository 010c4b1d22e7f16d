package io.kubemu.nodes.app;

import io.kubemu.nodes.stack.Datagram;
import io.kubemu.protocols.addr.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * busybox {@code nc} for UDP: {@code nc -u [-w secs] HOST PORT} sends stdin as one datagram and prints
 * what comes back until the timeout; {@code nc -u -l -p PORT} prints every datagram it receives.
 * (TCP comes with the emulated TCP stack.)
 */
public final class Netcat implements App {
  private AppContext ctx;
  private boolean gotReply;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    boolean udp = false;
    boolean listen = false;
    int localPort = 0;
    double wait = 1;
    List<String> positional = new ArrayList<>();
    List<String> argv = ctx.argv();
    try {
      for (int i = 1; i < argv.size(); i++) {
        switch (argv.get(i)) {
          case "-u" -> udp = true;
          case "-l" -> listen = true;
          case "-p" -> localPort = Integer.parseInt(argv.get(++i));
          case "-w" -> wait = Double.parseDouble(argv.get(++i));
          default -> positional.add(argv.get(i));
        }
      }
    } catch (RuntimeException e) {
      usage("bad arguments");
      return;
    }
    if (!udp) {
      usage("only UDP (-u) is supported yet");
      return;
    }
    if (listen) {
      if (ctx.bindUdp(localPort, d -> ctx.out(new String(d.payload(), StandardCharsets.UTF_8))) < 0) {
        ctx.err("nc: bind: Address in use\n");
        ctx.exit(1);
      }
      return;
    }
    if (positional.size() != 2) {
      usage("HOST and PORT required");
      return;
    }
    try {
      Ipv4Address host = Ipv4Address.parse(positional.get(0));
      int port = Integer.parseInt(positional.get(1));
      int src = ctx.bindUdp(localPort, this::onReply);
      String problem = ctx.net().sendUdp(src, host, port, ctx.stdin());
      if (problem != null) {
        ctx.err("nc: " + problem + "\n");
        ctx.exit(1);
        return;
      }
      ctx.schedule("timeout", Duration.ofMillis((long) (wait * 1000)));
    } catch (IllegalArgumentException e) {
      usage(e.getMessage());
    }
  }

  private void usage(String problem) {
    ctx.err("nc: " + problem + "\nUsage: nc -u [-w SEC] [-p PORT] HOST PORT | nc -u -l -p PORT\n");
    ctx.exit(1);
  }

  private void onReply(Datagram d) {
    gotReply = true;
    ctx.out(new String(d.payload(), StandardCharsets.UTF_8));
  }

  @Override
  public void onTimer(String key) {
    ctx.exit(gotReply ? 0 : 1);
  }
}
