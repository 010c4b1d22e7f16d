package io.kubemu.nodes.app.tls;

import io.kubemu.nodes.app.http.SendQueue;
import io.kubemu.nodes.app.http.TcpConnector;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.nodes.tcp.TcpState;
import io.kubemu.protocols.addr.Ipv4Address;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over one emulated TCP connection, as OpenSSL sits between nginx (or curl) and its socket:
 * the JDK's {@link SSLEngine} turns the records on the wire into the program's bytes and back, so
 * the packets carry a real TLS handshake and real records (tshark dissects them). It is the raw
 * socket's handler and the program's socket: the program writes and hears plaintext through the
 * same {@link TcpSocket}/{@link TcpHandler} calls it would use without TLS.
 *
 * <p>The program hears {@link TcpHandler#onConnected} once the handshake completed; what it writes
 * before is held until then. A handshake that fails sends the engine's alert, closes the
 * connection, and reaches the program as {@link TcpHandler#onClosed} with the reason. Everything
 * runs on the pod's thread, delegated handshake tasks included.
 */
public final class TlsSocket implements TcpSocket, TcpHandler {
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
  /** How much sealed data may wait for the raw socket's send buffer before writes are refused, as a full buffer refuses them. */
  private static final long MAX_QUEUED = 4L << 20;

  private final SSLEngine engine;
  private TcpHandler app;
  private TcpSocket raw;
  private ByteBuffer netIn = ByteBuffer.allocate(0);
  private ByteBuffer appIn;
  private ByteBuffer netOut;
  private final ArrayDeque<byte[]> held = new ArrayDeque<>();
  /** Sealed records the raw socket's send buffer could not take yet: they go, in order, as it drains. */
  private final SendQueue records = new SendQueue();
  private boolean closeWhenSent;
  private boolean shutdownWhenSent;
  private boolean established;
  private boolean endOfStream;
  private boolean closedToApp;
  private String failure;

  private TlsSocket(SSLEngine engine, TcpHandler app) {
    this.engine = engine;
    this.app = app;
    this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
  }

  /** The client's side: hand the result to connect() as the raw socket's handler; the handshake starts once TCP is up. */
  public static TlsSocket client(SSLEngine engine, TcpHandler app) {
    engine.setUseClientMode(true);
    return new TlsSocket(engine, app);
  }

  /** connect(2) and then the client's handshake: {@code app} hears onConnected once TLS is up. */
  public static TlsSocket connect(SSLEngine engine, TcpConnector connector, Ipv4Address destination, int port, TcpHandler app) {
    TlsSocket tls = client(engine, app);
    TcpSocket raw = connector.connect(destination, port, tls);
    if (tls.raw == null) {
      tls.raw = raw;
    }
    return tls;
  }

  /** The server's side of an accepted connection: return the result from the listener's acceptor. */
  public static TlsSocket server(SSLEngine engine, TcpSocket accepted, java.util.function.Function<TcpSocket, TcpHandler> app) {
    engine.setUseClientMode(false);
    TlsSocket tls = new TlsSocket(engine, null);
    tls.raw = accepted;
    tls.app = app.apply(tls);
    tls.begin();
    return tls;
  }

  /** The engine, for what the handshake agreed (protocol, cipher suite, the peer's certificates). */
  public SSLEngine engine() {
    return engine;
  }

  /** Why the handshake or a record failed, or null. */
  public String failure() {
    return failure;
  }

  private void begin() {
    try {
      engine.beginHandshake();
      pump();
    } catch (SSLException e) {
      fail(e);
    }
  }

  // ---- the raw connection's events ----

  @Override
  public void onConnected(TcpSocket socket) {
    raw = socket;
    if (closedToApp) {
      socket.close(); // closed before TCP was up: nothing to say
      return;
    }
    if (engine.getUseClientMode()) {
      begin();
    }
  }

  @Override
  public void onData(TcpSocket socket, byte[] data) {
    raw = socket;
    if (failure != null || closedToApp) {
      return;
    }
    ByteBuffer grown = ByteBuffer.allocate(netIn.remaining() + data.length);
    grown.put(netIn).put(data).flip();
    netIn = grown;
    try {
      pump();
    } catch (SSLException e) {
      fail(e);
    }
  }

  @Override
  public void onEndOfStream(TcpSocket socket) {
    raw = socket;
    try {
      engine.closeInbound();
    } catch (SSLException truncated) {
      // The peer closed TCP without close_notify: a truncation, which HTTP tolerates.
    }
    if (!established && failure == null) {
      fail(new SSLException("connection closed during the TLS handshake"));
      return;
    }
    endOfStream();
  }

  @Override
  public void onDrained(TcpSocket socket) {
    raw = socket;
    if (!records.flush(socket)) {
      return;
    }
    if (closeWhenSent) {
      closeWhenSent = false;
      socket.close();
    } else if (shutdownWhenSent) {
      shutdownWhenSent = false;
      socket.shutdownOutput();
    }
    if (established && !closedToApp) {
      app.onDrained(this);
    }
  }

  @Override
  public void onClosed(TcpSocket socket, String error) {
    raw = socket;
    closeToApp(failure != null ? failure : error);
  }

  // ---- the engine ----

  /** Runs the engine until it needs bytes from the peer: handshake steps, records in, records out. */
  private void pump() throws SSLException {
    while (failure == null && !closedToApp) {
      SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
      if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
          task.run();
        }
      } else if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
        if (!wrap(EMPTY)) {
          return;
        }
      } else if (!unwrapOnce()) {
        return;
      }
    }
  }

  /** One unwrap; false when it needs more bytes from the peer or the inbound side is done. */
  private boolean unwrapOnce() throws SSLException {
    if (!netIn.hasRemaining() && engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NEED_UNWRAP_AGAIN) {
      return false;
    }
    SSLEngineResult r = engine.unwrap(netIn, appIn);
    switch (r.getStatus()) {
      case BUFFER_OVERFLOW -> {
        appIn = ByteBuffer.allocate(appIn.capacity() * 2 + engine.getSession().getApplicationBufferSize());
        return true;
      }
      case BUFFER_UNDERFLOW -> {
        return false;
      }
      case CLOSED -> {
        deliver();
        if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
          wrap(EMPTY); // our close_notify in answer to theirs
        }
        endOfStream();
        return false;
      }
      default -> {
        if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
          established();
        }
        deliver();
        return r.bytesConsumed() > 0 || r.bytesProduced() > 0
            || engine.getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING;
      }
    }
  }

  /** Wraps {@code src} (all of it) into records and sends them; false when nothing more can be done now. */
  private boolean wrap(ByteBuffer src) throws SSLException {
    boolean progressed = false;
    do {
      netOut.clear();
      SSLEngineResult r = engine.wrap(src, netOut);
      if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
        netOut = ByteBuffer.allocate(netOut.capacity() * 2);
        continue;
      }
      netOut.flip();
      if (netOut.hasRemaining()) {
        byte[] bytes = new byte[netOut.remaining()];
        netOut.get(bytes);
        records.add(bytes); // sealed with sequence numbers: they must all go, in order, so they wait their turn
        records.flush(raw);
      }
      progressed |= r.bytesProduced() > 0 || r.bytesConsumed() > 0;
      if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED) {
        established();
      }
      if (r.getStatus() == SSLEngineResult.Status.CLOSED || (r.bytesProduced() == 0 && r.bytesConsumed() == 0)) {
        break;
      }
    } while (src.hasRemaining() || engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP);
    return progressed;
  }

  private void deliver() {
    appIn.flip();
    if (appIn.hasRemaining() && !closedToApp) {
      byte[] plain = new byte[appIn.remaining()];
      appIn.get(plain);
      appIn.clear();
      app.onData(this, plain);
    } else {
      appIn.clear();
    }
  }

  private void established() {
    if (established) {
      return;
    }
    established = true;
    app.onConnected(this);
    while (!held.isEmpty() && !closedToApp) {
      sendPlain(held.poll());
    }
  }

  private void endOfStream() {
    if (!endOfStream && !closedToApp) {
      endOfStream = true;
      app.onEndOfStream(this);
    }
  }

  private void fail(SSLException e) {
    if (failure != null) {
      return;
    }
    failure = "TLS: " + e.getMessage();
    try {
      engine.closeOutbound();
      wrap(EMPTY); // the alert the engine has for the peer, if any
    } catch (SSLException | RuntimeException alertFailed) {
      // nothing more to say to the peer
    }
    if (raw != null) {
      raw.close();
    }
    closeToApp(failure);
  }

  private void closeToApp(String error) {
    if (!closedToApp) {
      closedToApp = true;
      app.onClosed(this, error);
    }
  }

  // ---- the program's socket ----

  private boolean sendPlain(byte[] data) {
    try {
      return wrap(ByteBuffer.wrap(data)) || data.length == 0;
    } catch (SSLException e) {
      fail(e);
      return false;
    }
  }

  @Override
  public boolean write(byte[] data) {
    if (failure != null || closedToApp || engine.isOutboundDone() || records.bytes() + data.length > MAX_QUEUED) {
      return false;
    }
    if (!established) {
      held.add(Arrays.copyOf(data, data.length));
      return true;
    }
    return sendPlain(data);
  }

  @Override
  public void shutdownOutput() {
    closeOutbound();
    if (raw != null && records.isEmpty()) {
      raw.shutdownOutput();
    } else {
      shutdownWhenSent = true;
    }
  }

  /** close(): close_notify after what is queued, then the raw connection closes once every record went. */
  @Override
  public void close() {
    closeOutbound();
    closedToApp = true;
    if (raw != null && records.isEmpty()) {
      raw.close();
    } else {
      closeWhenSent = true;
    }
  }

  /** Sends close_notify after what is queued, as SSL_shutdown does. */
  private void closeOutbound() {
    if (!established || failure != null || engine.isOutboundDone()) {
      return;
    }
    engine.closeOutbound();
    try {
      wrap(EMPTY);
    } catch (SSLException e) {
      failure = "TLS: " + e.getMessage();
    }
  }

  @Override
  public void abort() {
    closedToApp = true;
    if (raw != null) {
      raw.abort();
    }
  }

  @Override
  public void handler(TcpHandler handler) {
    this.app = handler;
  }

  @Override
  public Ipv4Address localAddress() {
    return raw.localAddress();
  }

  @Override
  public int localPort() {
    return raw.localPort();
  }

  @Override
  public Ipv4Address remoteAddress() {
    return raw.remoteAddress();
  }

  @Override
  public int remotePort() {
    return raw.remotePort();
  }

  @Override
  public TcpState state() {
    return raw == null ? TcpState.SYN_SENT : raw.state();
  }

  @Override
  public int unacknowledged() {
    return (int) Math.min(Integer.MAX_VALUE, (raw == null ? 0 : raw.unacknowledged()) + records.bytes());
  }
}
