package io.kubemu.nodes.gateway;

import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The emulated halves of real clients' connections through a node's host gateway, by the id the
 * real side gave them. Each event of an emulated connection goes to its real side's listener.
 */
public final class GatewayConnections {
  private final HostGateway gateway;
  private final Map<Long, TcpSocket> open = new HashMap<>();

  public GatewayConnections(HostGateway gateway) {
    this.gateway = gateway;
  }

  /** Opens the emulated connection for real connection {@code id}; its events go to {@code events}. */
  public void connect(long id, Ipv4Address address, int port, Consumer<GatewayEvent> events) {
    if (open.containsKey(id)) {
      events.accept(new GatewayEvent.Closed(id, "Cannot assign requested address"));
      return;
    }
    TcpSocket s = gateway.tcp().connect(address, port, new TcpHandler() {
      @Override
      public void onConnected(TcpSocket socket) {
        events.accept(new GatewayEvent.Connected(id));
      }

      @Override
      public void onData(TcpSocket socket, byte[] data) {
        events.accept(new GatewayEvent.Received(id, data));
      }

      @Override
      public void onEndOfStream(TcpSocket socket) {
        events.accept(new GatewayEvent.EndOfStream(id));
      }

      @Override
      public void onClosed(TcpSocket socket, String error) {
        open.remove(id);
        events.accept(new GatewayEvent.Closed(id, error));
      }
    });
    if (s.state() != io.kubemu.nodes.tcp.TcpState.CLOSED) {
      open.put(id, s);
    }
  }

  /** Bytes the real client sent; the answer says whether the emulated socket took them. */
  public void write(long id, byte[] data, Consumer<GatewayEvent> events) {
    TcpSocket s = open.get(id);
    if (s != null && s.write(data)) {
      events.accept(new GatewayEvent.Written(id));
    } else if (s != null) {
      s.abort();
      open.remove(id);
      events.accept(new GatewayEvent.Closed(id, "No buffer space available"));
    }
  }

  /** The real client finished sending: a FIN follows what it sent. */
  public void shutdown(long id) {
    TcpSocket s = open.get(id);
    if (s != null) {
      s.shutdownOutput();
    }
  }

  /** The real side is gone: the emulated connection is reset. */
  public void abort(long id) {
    TcpSocket s = open.remove(id);
    if (s != null) {
      s.abort();
    }
  }

  public int size() {
    return open.size();
  }
}
