package io.kubemu.nodes.app.http;

import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.http.HttpResponseParser;
import io.kubemu.protocols.wire.MalformedPacketException;
import java.util.Optional;

/**
 * One HTTP request on a connection of its own, as curl, wget and the kubelet's prober make it:
 * connect, send the request, read the response, close. Exactly one of {@link Listener#done} and
 * {@link Listener#failed} is called, maybe before {@link #start} returns (a refused connection
 * over loopback fails at once). The caller owns the clock: when its deadline passes it calls
 * {@link #timedOut()}.
 */
public final class HttpFetch implements TcpHandler {
  /** What the caller hears; every call comes on the pod's thread. */
  public interface Listener {
    /** The handshake completed and the request is on its way. */
    default void connected(TcpSocket socket) {}

    void done(HttpResponse response);

    void failed(FetchFailure failure);
  }

  /** What a command-line client (curl, wget) accepts: the default header caps and up to 64 MiB of body. */
  public static final HttpLimits CLIENT_LIMITS = HttpLimits.DEFAULT.withMaxBodyBytes(64L << 20);

  private final HttpRequest request;
  private final HttpResponseParser parser;
  private final Listener listener;
  private TcpSocket socket;
  private boolean connected;
  private boolean finished;
  private long received;

  private HttpFetch(HttpRequest request, HttpLimits limits, Listener listener) {
    this.request = request;
    this.parser = new HttpResponseParser(request.method(), limits);
    this.listener = listener;
  }

  /** Connects to {@code address:port} and sends {@code request} once connected; the response may be up to {@code limits}. */
  public static HttpFetch start(TcpConnector connector, Ipv4Address address, int port, HttpRequest request,
      HttpLimits limits, Listener listener) {
    HttpFetch fetch = new HttpFetch(request, limits, listener);
    TcpSocket s = connector.connect(address, port, fetch);
    if (fetch.socket == null) {
      fetch.socket = s;
    }
    return fetch;
  }

  public boolean finished() {
    return finished;
  }

  public boolean connected() {
    return connected;
  }

  /** Response bytes received so far. */
  public long received() {
    return received;
  }

  /** Body bytes of the response read so far. */
  public long bodyReceived() {
    return parser.bodyReceived();
  }

  /** The response's Content-Length once its header arrived; -1 before, or when its body has no length. */
  public long bodyExpected() {
    return parser.bodyExpected();
  }

  /** The caller's deadline passed: the connection is reset and the failure reported (unless already finished). */
  public void timedOut() {
    fail(new FetchFailure(connected ? FetchFailure.Kind.TIMEOUT : FetchFailure.Kind.TIMEOUT_CONNECTING, "", received));
  }

  /** Gives up without a word to the listener (the process is going away). */
  public void cancel() {
    if (!finished) {
      finished = true;
      abortSocket();
    }
  }

  @Override
  public void onConnected(TcpSocket s) {
    socket = s;
    connected = true;
    if (finished) {
      return;
    }
    listener.connected(s);
    if (!finished && !s.write(request.toBytes())) {
      fail(new FetchFailure(FetchFailure.Kind.SEND, "", received));
    }
  }

  @Override
  public void onData(TcpSocket s, byte[] data) {
    if (finished) {
      return;
    }
    received += data.length;
    parser.feed(data);
    try {
      parser.next().ifPresent(this::succeed);
    } catch (MalformedPacketException e) {
      fail(new FetchFailure(FetchFailure.Kind.MALFORMED, e.getMessage(), received));
    }
  }

  @Override
  public void onEndOfStream(TcpSocket s) {
    endOfStream();
  }

  @Override
  public void onClosed(TcpSocket s, String error) {
    socket = s;
    if (finished) {
      return;
    }
    if (error == null) {
      endOfStream();
    } else {
      fail(new FetchFailure(connected ? FetchFailure.Kind.RECEIVE : FetchFailure.Kind.CONNECT, error, received));
    }
  }

  private void endOfStream() {
    if (finished) {
      return;
    }
    try {
      Optional<HttpResponse> last = parser.endOfStream();
      if (last.isPresent()) {
        succeed(last.get());
      } else {
        fail(new FetchFailure(FetchFailure.Kind.EMPTY_REPLY, "", received));
      }
    } catch (MalformedPacketException e) {
      fail(new FetchFailure(FetchFailure.Kind.MALFORMED, e.getMessage(), received));
    }
  }

  private void succeed(HttpResponse response) {
    finished = true;
    if (socket != null) {
      socket.close();
    }
    listener.done(response);
  }

  private void fail(FetchFailure failure) {
    if (finished) {
      return;
    }
    finished = true;
    abortSocket();
    listener.failed(failure);
  }

  private void abortSocket() {
    if (socket != null) {
      socket.abort();
    }
  }
}
