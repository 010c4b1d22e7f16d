package io.kubemu.nodes.tcp;

/** What a program hears from one TCP connection; every call comes on the pod's thread. */
public interface TcpHandler {
  /** The handshake completed (connect() returned 0, or accept() returned this socket). */
  default void onConnected(TcpSocket socket) {}

  /** Bytes arrived, in order. */
  void onData(TcpSocket socket, byte[] data);

  /** The peer sent FIN: a read now returns 0. The program may still write. */
  default void onEndOfStream(TcpSocket socket) {}

  /** Every queued byte was acknowledged by the peer (a good moment to write more). */
  default void onDrained(TcpSocket socket) {}

  /**
   * The connection is gone, the last call for this socket. {@code error} is null after an orderly
   * close, else the errno text a C program would print: "Connection refused", "Connection reset
   * by peer", "Connection timed out", "No route to host", "Network unreachable".
   */
  default void onClosed(TcpSocket socket, String error) {}
}
