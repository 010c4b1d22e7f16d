package io.kubemu.nodes.tcp;

import io.kubemu.protocols.addr.Ipv4Address;

/**
 * One end of an emulated TCP connection, as a program holds it (a connected socket's file
 * descriptor). Every call, and every {@link TcpHandler} callback, happens on the owning pod's
 * thread.
 */
public interface TcpSocket {
  Ipv4Address localAddress();

  int localPort();

  Ipv4Address remoteAddress();

  int remotePort();

  TcpState state();

  /** Replaces who hears this connection's events (an accepted socket starts with its listener's choice). */
  void handler(TcpHandler handler);

  /**
   * Queues bytes to send. False, and nothing queued, once the sending side is shut down, the
   * connection is gone, or the send buffer ({@link TcpConfig#sendBufferBytes}) would overflow.
   */
  boolean write(byte[] data);

  /** Bytes queued and not yet acknowledged by the peer. */
  int unacknowledged();

  /** shutdown(SHUT_WR): a FIN follows the queued bytes; data may still arrive. */
  void shutdownOutput();

  /**
   * close(): a FIN follows the queued bytes, and the program hears nothing more. As in Linux,
   * data that arrives after close() resets the connection.
   */
  void close();

  /** close() with SO_LINGER 0: an RST now, queued bytes discarded. */
  void abort();
}
