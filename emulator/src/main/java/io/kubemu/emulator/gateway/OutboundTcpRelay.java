package io.kubemu.emulator.gateway;

import io.kubemu.nodes.bgp.OutboundTcp;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The real TCP connections node agents open through their host ({@link OutboundTcp}), listed
 * with the Receptionist under {@link OutboundTcp#KEY}. Each connection has two threads, so the
 * actor never blocks: one connects and then writes, in the order the writes came, and closes
 * after them on {@link OutboundTcp.Close}; the other reads. The threads only tell the actor what
 * happened, and the actor alone tells the node, so exactly one Closed ends a connection and no
 * event follows it. Sockets use TCP_NODELAY: BGP writes whole small messages, and a KEEPALIVE
 * should not wait for the ACK of the OPEN before it. Reading has no back-pressure: what the peer
 * sends is passed on as it comes, which suits BGP's few messages, not a bulk transfer.
 */
public final class OutboundTcpRelay extends AbstractBehavior<OutboundTcpRelay.Command> {
  public sealed interface Command {}

  private record Request(OutboundTcp.Command command) implements Command {}

  private record Connected(Connection c, String localAddress, int localPort) implements Command {}

  private record Read(Connection c, byte[] data) implements Command {}

  private record WriteDone(Connection c) implements Command {}

  /** The connection ended: null error after our orderly close or the peer's. */
  private record Ended(Connection c, String error) implements Command {}

  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** One connection: its socket and the thread that connects, writes and closes it. */
  private static final class Connection {
    final OutboundTcp.Open open;
    final Socket socket = new Socket();
    final ExecutorService writer;
    volatile boolean closedByUs;
    boolean closing;

    Connection(OutboundTcp.Open open) {
      this.open = open;
      this.writer = Executors.newSingleThreadExecutor(r -> daemon(r, "kubemu-tcp-" + open.id()));
    }
  }

  private final Duration connectTimeout;
  private final ActorRef<Command> self;
  private final Map<Long, Connection> connections = new HashMap<>();

  public static Behavior<Command> create() {
    return create(CONNECT_TIMEOUT);
  }

  public static Behavior<Command> create(Duration connectTimeout) {
    return Behaviors.setup(ctx -> new OutboundTcpRelay(ctx, connectTimeout));
  }

  private OutboundTcpRelay(ActorContext<Command> ctx, Duration connectTimeout) {
    super(ctx);
    this.connectTimeout = connectTimeout;
    this.self = ctx.getSelf();
    ActorRef<OutboundTcp.Command> front = ctx.messageAdapter(OutboundTcp.Command.class, Request::new);
    ctx.getSystem().receptionist().tell(Receptionist.register(OutboundTcp.KEY, front));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Request.class, this::onRequest)
        .onMessage(Connected.class, this::onConnected)
        .onMessage(Read.class, this::onRead)
        .onMessage(WriteDone.class, this::onWriteDone)
        .onMessage(Ended.class, this::onEnded)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onRequest(Request m) {
    OutboundTcp.Command c = m.command();
    if (c instanceof OutboundTcp.Open open) {
      return onOpen(open);
    }
    Connection conn = connections.get(c.id());
    if (conn == null || conn.closing && !(c instanceof OutboundTcp.Abort)) {
      getContext().getLog().debug("outbound tcp: {} for no open connection", c);
      return this;
    }
    if (c instanceof OutboundTcp.Write w) {
      conn.writer.execute(() -> write(conn, w.data()));
    } else if (c instanceof OutboundTcp.Close) {
      conn.closing = true; // further writes are dropped; an Abort still cuts a close stuck behind them
      conn.writer.execute(() -> closeInOrder(conn));
    } else {
      resetOnClose(conn.socket);
      end(conn, "aborted");
    }
    return this;
  }

  private Behavior<Command> onOpen(OutboundTcp.Open open) {
    if (connections.containsKey(open.id())) {
      open.replyTo().tell(new OutboundTcp.Closed(open.id(), "connection id " + open.id() + " already in use"));
      return this;
    }
    Connection conn = new Connection(open);
    connections.put(open.id(), conn);
    int timeout = (int) connectTimeout.toMillis();
    conn.writer.execute(() -> connect(conn, timeout));
    return this;
  }

  private boolean current(Connection c) {
    return connections.get(c.open.id()) == c;
  }

  private Behavior<Command> onConnected(Connected m) {
    if (current(m.c())) {
      m.c().open.replyTo().tell(new OutboundTcp.Opened(m.c().open.id(), m.localAddress(), m.localPort()));
    }
    return this;
  }

  private Behavior<Command> onRead(Read m) {
    if (current(m.c())) {
      m.c().open.replyTo().tell(new OutboundTcp.Received(m.c().open.id(), m.data()));
    }
    return this;
  }

  private Behavior<Command> onWriteDone(WriteDone m) {
    if (current(m.c())) {
      m.c().open.replyTo().tell(new OutboundTcp.Written(m.c().open.id()));
    }
    return this;
  }

  private Behavior<Command> onEnded(Ended m) {
    if (current(m.c())) {
      end(m.c(), m.error());
    }
    return this;
  }

  /** Forgets the connection, closes its socket and says Closed, once. */
  private void end(Connection c, String error) {
    connections.remove(c.open.id());
    c.closedByUs = true;
    close(c.socket);
    c.writer.shutdownNow();
    c.open.replyTo().tell(new OutboundTcp.Closed(c.open.id(), error));
  }

  private Behavior<Command> onStop() {
    List.copyOf(connections.values()).forEach(c -> end(c, "relay stopped"));
    return this;
  }

  // What follows runs on a connection's threads: it touches the socket and tells the actor, nothing else.

  private void connect(Connection c, int timeoutMillis) {
    OutboundTcp.Open open = c.open;
    try {
      c.socket.setTcpNoDelay(true);
      if (open.bindAddress() != null) {
        c.socket.bind(new InetSocketAddress(open.bindAddress(), 0));
      }
      c.socket.connect(new InetSocketAddress(open.host(), open.port()), timeoutMillis);
      self.tell(new Connected(c, c.socket.getLocalAddress().getHostAddress(), c.socket.getLocalPort()));
    } catch (IOException | RuntimeException e) {
      self.tell(new Ended(c, describe(e)));
      return;
    }
    daemon(() -> read(c), "kubemu-tcp-read-" + open.id()).start();
  }

  private void write(Connection c, byte[] data) {
    try {
      c.socket.getOutputStream().write(data);
      self.tell(new WriteDone(c));
    } catch (IOException e) {
      self.tell(new Ended(c, c.closedByUs ? null : describe(e)));
    }
  }

  private void closeInOrder(Connection c) {
    c.closedByUs = true;
    close(c.socket);
    self.tell(new Ended(c, null));
  }

  private void read(Connection c) {
    byte[] buf = new byte[16 * 1024];
    try {
      InputStream in = c.socket.getInputStream();
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        self.tell(new Read(c, Arrays.copyOf(buf, n)));
      }
      self.tell(new Ended(c, null));
    } catch (IOException e) {
      self.tell(new Ended(c, c.closedByUs ? null : describe(e)));
    }
  }

  private static String describe(Exception e) {
    if (e instanceof UnknownHostException) {
      return "unknown host " + e.getMessage();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void close(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closed anyway
    }
  }

  /** Linger zero: closing sends a reset (RST) instead of a FIN, and drops what is unsent. */
  private static void resetOnClose(Socket s) {
    try {
      s.setSoLinger(true, 0);
    } catch (IOException e) {
      // already closed, or not yet connected: a plain close does
    }
  }
}
