package io.kubemu.nodes.prober;

import io.kubemu.nodes.tcp.TcpEndpoints;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * A tcpSocket probe in flight, as the kubelet's prober/tcp does it: dial, and close at once on
 * success. The result (with Go's error text on failure) goes to {@code done} exactly once; the
 * owner calls {@link #timedOut} when the probe's timeoutSeconds pass first.
 */
public final class NetworkProbe implements TcpHandler {
  /** How a probe run ended. */
  public record Result(boolean success, String output) {}

  private final String target;
  private final Consumer<Result> done;
  private TcpSocket socket;
  private boolean finished;

  private NetworkProbe(String target, Consumer<Result> done) {
    this.target = target;
    this.done = done;
  }

  /**
   * Dials {@code host} (the pod IP when empty) on {@code port} (a number; a name the kubelet could
   * not resolve against the container's ports fails here).
   */
  public static NetworkProbe tcpSocket(TcpEndpoints tcp, String host, String port, Ipv4Address podIp,
      Consumer<Result> done) {
    String shownHost = host == null || host.isEmpty() ? podIp.toString() : host;
    NetworkProbe probe = new NetworkProbe("dial tcp " + shownHost + ":" + port, done);
    Ipv4Address address;
    int number;
    try {
      number = Integer.parseInt(port);
      if (number < 1 || number > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      probe.finish(false, "couldn't find port: " + port + " in the container's ports");
      return probe;
    }
    try {
      address = host == null || host.isEmpty() ? podIp : Ipv4Address.parse(host);
    } catch (IllegalArgumentException e) {
      // The kubelet resolves a probe's host with the node's resolver; kubemu's nodes have none yet.
      probe.finish(false, "dial tcp: lookup " + host + ": no such host");
      return probe;
    }
    probe.socket = tcp.connect(address, number, probe);
    return probe;
  }

  public boolean finished() {
    return finished;
  }

  /** The probe's timeout passed before the connection was made. */
  public void timedOut() {
    if (!finished) {
      if (socket != null) {
        socket.abort();
      }
      finish(false, target + ": i/o timeout");
    }
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
