package io.kubemu.nodes.app.dns.resolver;

import io.kubemu.nodes.app.AppContext;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import org.xbill.DNS.Message;

/**
 * One question over TCP, as a resolver asks when a UDP answer came truncated (RFC 1035 4.2.2,
 * RFC 7766): connect, send the message behind its two-byte length, read one answer the same way,
 * close. Exactly one of the listener's calls comes, maybe before {@link #start} returns (a refused
 * connection over loopback); the caller owns the clock and calls {@link #cancel} at its deadline.
 */
public final class TcpQuery implements TcpHandler, Exchange {
  /** What the asker hears, on the pod's thread. */
  public interface Listener {
    void answered(Message answer);

    /** No answer: the errno text of the connection, or what was wrong with the bytes. */
    void failed(String error);
  }

  private final byte[] query;
  private final Listener listener;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private TcpSocket socket;
  private boolean finished;

  private TcpQuery(Message query, Listener listener) {
    this.query = DnsWire.framed(query);
    this.listener = listener;
  }

  public static TcpQuery start(AppContext ctx, Ipv4Address server, int port, Message query, Listener listener) {
    TcpQuery q = new TcpQuery(query, listener);
    TcpSocket s = ctx.connectTcp(server, port, q);
    if (q.socket == null) {
      q.socket = s;
    }
    return q;
  }

  /** Gives up without a word to the listener: the connection is reset. */
  @Override
  public void cancel() {
    if (!finished) {
      finished = true;
      socket.abort();
    }
  }

  @Override
  public void onConnected(TcpSocket s) {
    socket = s;
    if (!s.write(query)) {
      fail("No buffer space available");
    }
  }

  @Override
  public void onData(TcpSocket s, byte[] data) {
    if (finished) {
      return;
    }
    received.writeBytes(data);
    byte[] all = received.toByteArray();
    if (all.length < 2) {
      return;
    }
    int length = ((all[0] & 0xFF) << 8) | (all[1] & 0xFF);
    if (all.length < 2 + length) {
      return;
    }
    byte[] body = new byte[length];
    System.arraycopy(all, 2, body, 0, length);
    Optional<Message> answer = DnsWire.parse(body);
    finished = true;
    s.close();
    if (answer.isPresent()) {
      listener.answered(answer.get());
    } else {
      listener.failed("malformed answer of " + length + " bytes");
    }
  }

  @Override
  public void onEndOfStream(TcpSocket s) {
    fail("connection closed before a whole answer came");
  }

  @Override
  public void onClosed(TcpSocket s, String error) {
    fail(error == null ? "connection closed before a whole answer came" : error);
  }

  private void fail(String error) {
    if (!finished) {
      finished = true;
      if (socket != null) {
        socket.abort();
      }
      listener.failed(error);
    }
  }
}
