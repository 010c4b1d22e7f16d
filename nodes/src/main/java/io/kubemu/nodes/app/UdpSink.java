package io.kubemu.nodes.app;

import io.kubemu.nodes.stack.Datagram;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.stream.Collectors;

/**
 * The receiving end of the dataplane benchmark: {@code udp-sink [--port N]} (5001 by default)
 * counts the data datagrams of a {@code udp-flood} and acks them over the emulated network, every
 * N datagrams (N from the flood's hello) and at once to a probe. Asked for a report, it answers
 * with its count and the drops its eth0 counted, by reason.
 */
public final class UdpSink implements App {
  public static final int DEFAULT_PORT = 5001;

  private AppContext ctx;
  private int port = DEFAULT_PORT;
  private long ackEvery = 256;
  private long received;
  private long malformed;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    var argv = ctx.argv();
    try {
      for (int i = 1; i < argv.size(); i++) {
        if (!argv.get(i).equals("--port") || i + 1 == argv.size()) {
          throw new IllegalArgumentException(argv.get(i));
        }
        port = Integer.parseInt(argv.get(++i));
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(Integer.toString(port));
      }
    } catch (IllegalArgumentException e) {
      ctx.err("udp-sink: bad argument '" + e.getMessage() + "'\nUsage: udp-sink [--port 1..65535]\n");
      ctx.exit(2);
      return;
    }
    if (ctx.bindUdp(port, this::onDatagram) < 0) {
      ctx.err("udp-sink: bind :" + port + ": address in use\n");
      ctx.exit(1);
      return;
    }
    ctx.out("udp-sink: listening on :" + port + "/udp\n");
  }

  private void onDatagram(Datagram d) {
    FloodMessage m;
    try {
      m = FloodMessage.decode(d.payload());
    } catch (MalformedPacketException e) {
      malformed++;
      return;
    }
    switch (m.kind()) {
      case FloodMessage.DATA -> {
        if (++received % ackEvery == 0) {
          reply(d, FloodMessage.of(FloodMessage.ACK, received, 0));
        }
      }
      case FloodMessage.HELLO -> {
        received = 0;
        ackEvery = Math.max(1, m.extra());
        reply(d, FloodMessage.of(FloodMessage.ACK, 0, 0));
      }
      case FloodMessage.PROBE -> reply(d, FloodMessage.of(FloodMessage.PROBE_ACK, received, m.extra()));
      case FloodMessage.REPORT_REQUEST -> reply(d, new FloodMessage(FloodMessage.REPORT, received, malformed, drops()));
      default -> malformed++;
    }
  }

  private String drops() {
    return ctx.net().eth0().stats().drops().entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue()).collect(Collectors.joining(","));
  }

  private void reply(Datagram to, FloodMessage m) {
    ctx.net().sendUdp(port, to.source(), to.sourcePort(), m.encode(0));
  }

  /** The sink exits on SIGTERM. */
  @Override
  public void onTerminate() {
    if (ctx != null) {
      ctx.exit(0);
    }
  }
}
