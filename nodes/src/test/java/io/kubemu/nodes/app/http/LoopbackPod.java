package io.kubemu.nodes.app.http;

import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.FakeTcpTimers;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A real pod stack on a still clock, for HTTP over the real TCP engine: a pod talking to its own
 * address (or 127.0.0.1) loops back at once, so a whole exchange happens inside one call.
 */
public final class LoopbackPod {
  public static final Ipv4Address IP = Ipv4Address.parse("10.244.0.2");
  /** An address on another node: SYNs to it leave through the veth and nothing ever answers. */
  public static final Ipv4Address SILENT = Ipv4Address.parse("10.244.1.9");

  public final List<byte[]> veth = new ArrayList<>();
  public final FakeTcpTimers timers = new FakeTcpTimers(() -> 0L);
  public final PodStack stack = new PodStack("w1", "default/web", MacAddress.parse("02:00:00:00:00:02"), IP,
      Ipv4Cidr.parse("10.244.0.0/24"), Ipv4Cidr.parse("10.244.0.0/16"), Ipv4Address.parse("10.244.0.1"), 1450,
      veth::add, timers);

  /** A raw TCP client or server end that records everything it hears. */
  public static class Peer implements TcpHandler {
    public final ByteArrayOutputStream received = new ByteArrayOutputStream();
    public TcpSocket socket;
    public boolean connected;
    public boolean endOfStream;
    public String closed;

    @Override
    public void onConnected(TcpSocket s) {
      socket = s;
      connected = true;
    }

    @Override
    public void onData(TcpSocket s, byte[] data) {
      received.writeBytes(data);
    }

    @Override
    public void onEndOfStream(TcpSocket s) {
      endOfStream = true;
    }

    @Override
    public void onClosed(TcpSocket s, String error) {
      closed = String.valueOf(error);
    }

    public String text() {
      return received.toString(StandardCharsets.ISO_8859_1);
    }

    public void send(String text) {
      socket.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  /** A raw server on {@code port}: every connection's data is recorded in one peer, which then runs {@code reply}. */
  public Peer serve(int port, Consumer<Peer> reply) {
    Peer server = new Peer() {
      @Override
      public void onData(TcpSocket s, byte[] data) {
        super.onData(s, data);
        socket = s;
        reply.accept(this);
      }
    };
    stack.tcp().listen(port, 8, s -> server);
    return server;
  }

  /** A raw server that answers whatever comes with {@code wire}, then closes. */
  public Peer answer(int port, String wire) {
    return serve(port, p -> {
      p.send(wire);
      p.socket.close();
    });
  }

  /** A client connection to this pod's own address. */
  public Peer connect(int port) {
    Peer p = new Peer();
    p.socket = stack.tcp().connect(IP, port, p);
    return p;
  }
}
