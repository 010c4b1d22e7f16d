package io.kubemu.nodes.app;

import io.kubemu.nodes.stack.Datagram;

/**
 * A UDP echo server (RFC 862): {@code udp-echo [--port N]}, port 7 by default. Every datagram is
 * sent back to where it came from.
 */
public final class UdpEcho implements App {
  private AppContext ctx;
  private int port = 7;
  private long echoed;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    var argv = ctx.argv();
    for (int i = 1; i < argv.size(); i++) {
      if (argv.get(i).equals("--port") && i + 1 < argv.size()) {
        try {
          port = Integer.parseInt(argv.get(++i));
        } catch (NumberFormatException e) {
          port = -1;
        }
      } else {
        port = -1;
      }
    }
    if (port < 1 || port > 65535) {
      ctx.err("udp-echo: usage: udp-echo [--port 1..65535]\n");
      ctx.exit(2);
      return;
    }
    if (ctx.bindUdp(port, this::echo) < 0) {
      ctx.err("udp-echo: bind :" + port + ": address in use\n");
      ctx.exit(1);
      return;
    }
    ctx.out("udp-echo: listening on :" + port + "/udp\n");
  }

  private void echo(Datagram d) {
    echoed++;
    ctx.net().sendUdp(port, d.source(), d.sourcePort(), d.payload());
  }

  public long echoed() {
    return echoed;
  }

  /** The echo server exits on SIGTERM. */
  @Override
  public void onTerminate() {
    if (ctx != null) {
      ctx.exit(0);
    }
  }
}
