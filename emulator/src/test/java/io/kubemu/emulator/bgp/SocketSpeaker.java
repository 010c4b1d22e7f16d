package io.kubemu.emulator.bgp;

import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.bgp.BgpError;
import io.kubemu.protocols.bgp.BgpFramer;
import io.kubemu.protocols.bgp.BgpMessage;
import io.kubemu.protocols.bgp.BgpUpdate;
import io.kubemu.protocols.bgp.session.BgpSession;
import io.kubemu.protocols.bgp.session.SessionAction;
import io.kubemu.protocols.bgp.session.SessionConfig;
import io.kubemu.protocols.bgp.session.SessionState;
import io.kubemu.protocols.wire.ByteReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Our {@link BgpSession} over a real {@link Socket}, as a node's speaker will run it over a host's
 * relay: the session's actions are carried out here (connect from {@code bindAddress}, send, close),
 * bytes read go through a {@link BgpFramer} and the decoder into the session, and a timer thread
 * polls the session at its deadlines. Everything it sent, received and was told is kept for the
 * test to look at, and the routes the peer announced are kept as a table. One lock guards it all.
 */
public final class SocketSpeaker implements AutoCloseable {
  private static final int CONNECT_TIMEOUT_MS = 5_000;

  private final BgpSession session;
  private final InetSocketAddress peer;
  private final String bindAddress;
  private final ScheduledExecutorService timer;
  private final List<BgpMessage> sent = new CopyOnWriteArrayList<>();
  private final List<BgpMessage> received = new CopyOnWriteArrayList<>();
  private final List<SessionAction> told = new CopyOnWriteArrayList<>();
  private final Map<Ipv4Cidr, BgpUpdate> learned = new ConcurrentHashMap<>();
  private Socket socket;

  public SocketSpeaker(SessionConfig config, InetSocketAddress peer, String bindAddress) {
    this.session = new BgpSession(config, () -> System.nanoTime() / 1_000_000);
    this.peer = peer;
    this.bindAddress = bindAddress;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bgp-timer-" + bindAddress));
    timer.scheduleWithFixedDelay(this::pollTimers, 20, 20, TimeUnit.MILLISECONDS);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** ManualStart: connects to the peer and sends our OPEN. */
  public synchronized void start() {
    apply(session.start());
  }

  /** ManualStop: NOTIFICATION Cease (Administrative Shutdown), then the connection closes. */
  public synchronized void stop() {
    apply(session.stop());
  }

  /** Sends an UPDATE (or anything else) on the established session. */
  public synchronized void send(BgpMessage message) {
    write(message.toBytes());
    sent.add(message);
  }

  /** Writes raw bytes, for tests that misbehave on purpose. */
  public synchronized void sendRaw(byte[] bytes) {
    write(bytes);
  }

  public synchronized SessionState state() {
    return session.state();
  }

  public synchronized boolean fourOctetAs() {
    return session.fourOctetAs();
  }

  /** The local address and port of the connection, or empty when there is none. */
  public synchronized Optional<InetSocketAddress> localAddress() {
    return socket == null ? Optional.empty() : Optional.of((InetSocketAddress) socket.getLocalSocketAddress());
  }

  public List<BgpMessage> sent() {
    return List.copyOf(sent);
  }

  public List<BgpMessage> received() {
    return List.copyOf(received);
  }

  /** The Established and Down actions the session reported. */
  public List<SessionAction> told() {
    return List.copyOf(told);
  }

  /** The UPDATE that announced each prefix the peer has not withdrawn. */
  public Map<Ipv4Cidr, BgpUpdate> learned() {
    return Map.copyOf(learned);
  }

  public <T> T await(String what, Duration within, Supplier<Optional<T>> probe) throws InterruptedException {
    return Poll.until("speaker " + bindAddress + ": " + what, within, probe,
        () -> "state " + state() + "\nsent " + sent + "\nreceived " + received + "\ntold " + told);
  }

  private void apply(List<SessionAction> actions) {
    for (SessionAction a : actions) {
      if (a instanceof SessionAction.Connect) {
        connect();
      } else if (a instanceof SessionAction.Send s) {
        send(s.message());
      } else if (a instanceof SessionAction.Disconnect) {
        disconnect();
      } else {
        told.add(a);
        if (a instanceof SessionAction.Down) {
          learned.clear();
        }
      }
    }
  }

  private void connect() {
    disconnect();
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true); // a KEEPALIVE waits for no ACK of the OPEN before it
      s.bind(new InetSocketAddress(bindAddress, 0));
      s.connect(peer, CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      closeQuietly(s);
      apply(session.connectFailed());
      return;
    }
    socket = s;
    daemon(() -> read(s), "bgp-reader-" + bindAddress).start();
    apply(session.connected());
  }

  private void write(byte[] bytes) {
    try {
      if (socket != null) {
        socket.getOutputStream().write(bytes);
      }
    } catch (IOException e) {
      // the reader sees the connection fail and tells the session
    }
  }

  private void disconnect() {
    if (socket != null) {
      closeQuietly(socket);
      socket = null;
    }
  }

  /** Runs on the connection's reader thread until the connection ends. */
  private void read(Socket s) {
    BgpFramer framer = new BgpFramer();
    byte[] buf = new byte[8192];
    try {
      InputStream in = s.getInputStream();
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        for (byte[] whole : framer.feed(buf, 0, n)) {
          if (!onMessage(s, whole)) {
            return;
          }
        }
      }
      onClosed(s);
    } catch (BgpError e) {
      onMalformed(s, e);
    } catch (IOException e) {
      onClosed(s);
    }
  }

  private synchronized boolean onMessage(Socket s, byte[] whole) {
    if (s != socket) {
      return false;
    }
    BgpMessage m;
    try {
      m = BgpMessage.decode(new ByteReader(whole), session.fourOctetAs());
    } catch (BgpError e) {
      onMalformed(s, e);
      return false;
    }
    received.add(m);
    if (m instanceof BgpUpdate u && session.state() == SessionState.ESTABLISHED) {
      u.withdrawn().forEach(learned::remove);
      u.nlri().forEach(p -> learned.put(p, u));
    }
    apply(session.received(m));
    return s == socket;
  }

  private synchronized void onMalformed(Socket s, BgpError e) {
    if (s == socket) {
      apply(session.receivedMalformed(e));
    }
  }

  private synchronized void onClosed(Socket s) {
    if (s == socket) {
      socket = null;
      closeQuietly(s);
      apply(session.connectFailed());
    }
  }

  private synchronized void pollTimers() {
    long now = System.nanoTime() / 1_000_000;
    if (session.nextDeadline().isPresent() && session.nextDeadline().getAsLong() <= now) {
      apply(session.poll());
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closed anyway
    }
  }

  /** Closes the connection without a NOTIFICATION and stops the timer. */
  @Override
  public synchronized void close() {
    timer.shutdownNow();
    disconnect();
  }
}
