package io.kubemu.nodes.app;

import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * nc over TCP as busybox's nc (nc_bloaty.c) behaves: connect (or accept one connection), send
 * stdin and shut down the sending side, print what arrives until the peer closes; exit 0 then.
 * With {@code -v} it says "HOST (IP:PORT) open"; a failed connect is silent (exit 1) unless
 * {@code -v} and not a refusal, or {@code -vv}. {@code -w SEC} bounds the connect and the wait
 * for the next byte; {@code -z} closes as soon as the connection is made.
 */
final class NetcatTcp implements TcpHandler {
  private static final String CONNECT = "connect";
  private static final String IDLE = "idle";

  private final AppContext ctx;
  private final Netcat.Options o;
  private String shown = "";
  private TcpSocket socket;
  private boolean connected;
  private boolean accepted;

  NetcatTcp(AppContext ctx, Netcat.Options o) {
    this.ctx = ctx;
    this.o = o;
  }

  void listen() {
    if (!ctx.listenTcp(o.localPort(), 1, this::accept)) {
      ctx.err("nc: bind: Address in use\n");
      ctx.exit(1);
    } else if (o.verbose() > 0) {
      ctx.err("listening on 0.0.0.0:" + o.localPort() + " ...\n");
    }
  }

  /** Connects to {@code ip}, which {@code host} (as the command line named it) resolved to. */
  void connect(String host, Ipv4Address ip, int port) {
    shown = host + " (" + ip + ":" + port + ")";
    if (o.waitSeconds() > 0) {
      ctx.schedule(CONNECT, waitTime());
    }
    TcpSocket s = ctx.connectTcp(ip, port, this);
    if (socket == null) {
      socket = s;
    }
  }

  private Duration waitTime() {
    return Duration.ofMillis((long) (o.waitSeconds() * 1000));
  }

  /** The first connection is ours; later ones are turned away, as nc stopped listening. */
  private TcpHandler accept(TcpSocket s) {
    if (accepted) {
      return new TcpHandler() {
        @Override
        public void onConnected(TcpSocket other) {
          other.abort();
        }

        @Override
        public void onData(TcpSocket other, byte[] data) {}
      };
    }
    accepted = true;
    if (o.verbose() > 0) {
      ctx.err("connect to " + s.localAddress() + ":" + s.localPort() + " from " + s.remoteAddress() + ":"
          + s.remotePort() + " (" + s.remoteAddress() + ":" + s.remotePort() + ")\n");
    }
    return this;
  }

  @Override
  public void onConnected(TcpSocket s) {
    socket = s;
    connected = true;
    ctx.cancel(CONNECT);
    if (!o.listen() && o.verbose() > 0) {
      ctx.err(shown + " open\n");
    }
    if (o.zero()) {
      s.close();
      ctx.exit(0);
      return;
    }
    if (ctx.stdin().length > 0) {
      s.write(ctx.stdin());
    }
    s.shutdownOutput();
    idle();
  }

  private void idle() {
    if (o.waitSeconds() > 0) {
      ctx.schedule(IDLE, waitTime());
    }
  }

  @Override
  public void onData(TcpSocket s, byte[] data) {
    ctx.out(new String(data, StandardCharsets.UTF_8));
    idle();
  }

  @Override
  public void onEndOfStream(TcpSocket s) {
    s.close();
    ctx.exit(0);
  }

  @Override
  public void onClosed(TcpSocket s, String error) {
    if (ctx.exited()) {
      return;
    }
    if (!connected) {
      failedToConnect(error == null ? "Connection refused" : error);
      return;
    }
    if (error != null && o.verbose() > 1) {
      ctx.err("nc: net read: " + error + "\n");
    }
    ctx.exit(0);
  }

  private void failedToConnect(String error) {
    if (o.verbose() > 1 || (o.verbose() > 0 && !error.equals("Connection refused"))) {
      ctx.err("nc: " + shown + ": " + error + "\n");
    }
    ctx.exit(1);
  }

  void onTimer(String key) {
    if (key.equals(CONNECT) && !connected) {
      if (socket != null) {
        socket.abort();
      }
      failedToConnect("Connection timed out");
    } else if (key.equals(IDLE) && socket != null) {
      socket.close();
      ctx.exit(0);
    }
  }

  void kill() {
    if (socket != null) {
      socket.abort();
    }
  }
}
