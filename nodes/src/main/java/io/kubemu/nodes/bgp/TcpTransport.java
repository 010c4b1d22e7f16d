package io.kubemu.nodes.bgp;

import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;

/** A session's emulated TCP connection on the node's own stack, port 179 on one side. */
final class TcpTransport implements BgpTransport, TcpHandler {
  private final BgpNeighbor neighbor;
  private TcpSocket socket;

  TcpTransport(BgpNeighbor neighbor) {
    this.neighbor = neighbor;
  }

  /** An accepted connection: the socket is known at once. */
  TcpTransport(BgpNeighbor neighbor, TcpSocket socket) {
    this.neighbor = neighbor;
    this.socket = socket;
  }

  void socket(TcpSocket socket) {
    this.socket = socket;
  }

  @Override
  public boolean write(byte[] data) {
    return socket != null && socket.write(data);
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.close();
    }
  }

  @Override
  public String remote() {
    return socket == null ? "" : socket.remoteAddress() + ":" + socket.remotePort();
  }

  @Override
  public void onConnected(TcpSocket s) {
    this.socket = s;
    if (!neighbor.attach(this)) {
      s.abort();
    }
  }

  @Override
  public void onData(TcpSocket s, byte[] data) {
    neighbor.data(this, data);
  }

  @Override
  public void onEndOfStream(TcpSocket s) {
    s.close();
    neighbor.connectFailed(this, "Connection closed");
  }

  @Override
  public void onClosed(TcpSocket s, String error) {
    neighbor.connectFailed(this, error);
  }
}
