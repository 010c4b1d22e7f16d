package io.kubemu.emulator.bgp;

import io.kubemu.protocols.bgp.BgpFramer;
import io.kubemu.protocols.bgp.BgpMessage;
import io.kubemu.protocols.wire.ByteReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A BGP peer that says only what its test writes: raw bytes over one loopback connection, which it
 * either accepts ({@link #listening}, for our speaker to connect to) or opens ({@link #connect}, to
 * a real router). What the other side sends is read as whole messages, 4-octet AS paths assumed.
 * Every read gives up after 10 s.
 */
final class FakePeer implements AutoCloseable {
  private static final int READ_TIMEOUT_MS = 10_000;

  private final ServerSocket server;
  private final BgpFramer framer = new BgpFramer();
  private final ArrayDeque<byte[]> pending = new ArrayDeque<>();
  private Socket socket;

  private FakePeer(ServerSocket server, Socket socket) {
    this.server = server;
    this.socket = socket;
  }

  /** A peer listening on a free port of 127.0.0.1; {@link #accept} takes the connection. */
  static FakePeer listening() throws IOException {
    ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    server.setSoTimeout(READ_TIMEOUT_MS);
    return new FakePeer(server, null);
  }

  /** A peer connected from {@code source} to 127.0.0.1:{@code port}. */
  static FakePeer connect(String source, int port) throws IOException {
    Socket s = new Socket();
    s.bind(new InetSocketAddress(source, 0));
    s.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
    s.setSoTimeout(READ_TIMEOUT_MS);
    return new FakePeer(null, s);
  }

  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", server.getLocalPort());
  }

  void accept() throws IOException {
    socket = server.accept();
    socket.setSoTimeout(READ_TIMEOUT_MS);
  }

  void write(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
  }

  void send(BgpMessage message) throws IOException {
    write(message.toBytes());
  }

  /** The next whole message; an end of stream before it throws. */
  BgpMessage read() throws IOException {
    byte[] whole = next();
    if (whole == null) {
      throw new IOException("connection closed before a whole message");
    }
    return BgpMessage.decode(new ByteReader(whole), true);
  }

  /** Every message until the other side closes the connection. */
  List<BgpMessage> readUntilClosed() throws IOException {
    List<BgpMessage> out = new ArrayList<>();
    for (byte[] whole = next(); whole != null; whole = next()) {
      out.add(BgpMessage.decode(new ByteReader(whole), true));
    }
    return out;
  }

  private byte[] next() throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[4096];
    while (pending.isEmpty()) {
      int n;
      try {
        n = in.read(buf);
      } catch (SocketException reset) {
        return null; // a reset ends the stream too
      }
      if (n < 0) {
        return null;
      }
      pending.addAll(framer.feed(buf, 0, n));
    }
    return pending.poll();
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
    if (server != null) {
      server.close();
    }
  }
}
