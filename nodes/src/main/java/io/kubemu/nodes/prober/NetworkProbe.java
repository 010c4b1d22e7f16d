package io.kubemu.nodes.prober;

import io.kubemu.nodes.app.http.FetchFailure;
import io.kubemu.nodes.app.http.HttpFetch;
import io.kubemu.nodes.tcp.TcpEndpoints;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.http.HttpHeaders;
import io.kubemu.protocols.http.HttpRequest;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.http.HttpVersion;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A tcpSocket or httpGet probe in flight, as the kubelet's prober/tcp and prober/http do them:
 * dial and close at once, or GET the path and pass on 200-399. The result (with Go's error text
 * on failure) goes to {@code done} exactly once; the owner calls {@link #timedOut} when the
 * probe's timeoutSeconds pass first.
 */
public final class NetworkProbe implements TcpHandler {
  /** How a probe run ended. */
  public record Result(boolean success, String output) {}

  /** The User-Agent the kubelet's httpGet prober sends, with the Kubernetes version kubemu speaks for. */
  static final String USER_AGENT = "kube-probe/1.32";

  private final String target;
  private final Consumer<Result> done;
  private TcpSocket socket;
  private HttpFetch fetch;
  private boolean finished;

  private NetworkProbe(String target, Consumer<Result> done) {
    this.target = target;
    this.done = done;
  }

  /** Dials {@code host} (the pod IP when empty) on {@code port}. */
  public static NetworkProbe tcpSocket(TcpEndpoints tcp, String host, String port, Ipv4Address podIp, Consumer<Result> done) {
    String shownHost = host == null || host.isEmpty() ? podIp.toString() : host;
    NetworkProbe probe = new NetworkProbe("dial tcp " + shownHost + ":" + port, done);
    Ipv4Address address = probe.resolve(host, port, podIp);
    if (address != null) {
      probe.socket = tcp.connect(address, Integer.parseInt(port), probe);
    }
    return probe;
  }

  /** GETs {@code path} from {@code host} (the pod IP when empty) on {@code port}, as the kubelet does. */
  public static NetworkProbe httpGet(TcpEndpoints tcp, String scheme, String host, String port, String path, Ipv4Address podIp,
      Consumer<Result> done) {
    String shownHost = host == null || host.isEmpty() ? podIp.toString() : host;
    String p = path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
    String s = scheme == null || scheme.isEmpty() ? "http" : scheme.toLowerCase(Locale.ROOT);
    String url = s + "://" + shownHost + ":" + port + p;
    NetworkProbe probe = new NetworkProbe("Get \"" + url + "\"", done);
    if (!s.equals("http")) {
      probe.finish(false, probe.target + ": " + s + " probes are not in kubemu (no TLS in its apps)");
      return probe;
    }
    Ipv4Address address = probe.resolve(host, port, podIp);
    if (address == null) {
      return probe;
    }
    HttpRequest request = new HttpRequest("GET", p, HttpVersion.HTTP_1_1, HttpHeaders.of("Host", shownHost + ":" + port,
        "User-Agent", USER_AGENT, "Accept", "*/*", "Connection", "close"), new byte[0]);
    String hostPort = shownHost + ":" + port;
    probe.fetch = HttpFetch.start(tcp::connect, address, Integer.parseInt(port), request, HttpFetch.CLIENT_LIMITS,
        new HttpFetch.Listener() {
          @Override
          public void done(HttpResponse response) {
            int code = response.status();
            probe.finish(code >= 200 && code < 400, code >= 200 && code < 400 ? "" : "HTTP probe failed with statuscode: " + code);
          }

          @Override
          public void failed(FetchFailure failure) {
            probe.finish(false, failure.goText("GET", url, hostPort));
          }
        });
    return probe;
  }

  /** The address to dial, or null after failing the probe: a port by name the kubelet could not resolve, or a host name. */
  private Ipv4Address resolve(String host, String port, Ipv4Address podIp) {
    try {
      int number = Integer.parseInt(port);
      if (number < 1 || number > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      finish(false, "couldn't find port: " + port + " in the container's ports");
      return null;
    }
    try {
      return host == null || host.isEmpty() ? podIp : Ipv4Address.parse(host);
    } catch (IllegalArgumentException e) {
      // The kubelet resolves a probe's host with the node's resolver; kubemu's nodes have none yet.
      finish(false, target + ": dial tcp: lookup " + host + ": no such host");
      return null;
    }
  }

  public boolean finished() {
    return finished;
  }

  /** The probe's timeout passed before it got its answer. */
  public void timedOut() {
    if (finished) {
      return;
    }
    if (fetch != null) {
      fetch.timedOut();
      return;
    }
    if (socket != null) {
      socket.abort();
    }
    finish(false, target + ": i/o timeout");
  }

  @Override
  public void onConnected(TcpSocket s) {
    s.close();
    finish(true, "");
  }

  @Override
  public void onData(TcpSocket s, byte[] data) {}

  @Override
  public void onClosed(TcpSocket s, String error) {
    if (error != null) {
      finish(false, target + ": connect: " + error.toLowerCase(Locale.ROOT));
    }
  }

  private void finish(boolean success, String output) {
    if (!finished) {
      finished = true;
      done.accept(new Result(success, output));
    }
  }
}
