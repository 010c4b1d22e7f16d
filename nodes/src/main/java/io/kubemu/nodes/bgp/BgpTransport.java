package io.kubemu.nodes.bgp;

/** The byte stream under one BGP session: an emulated TCP connection, or a real one the host opened. */
public interface BgpTransport {
  /** Queues bytes to send; false when the connection cannot take them (gone, or its buffer full). */
  boolean write(byte[] data);

  /** Closes after what was queued (a FIN). */
  void close();

  /** Where the other end is, as {@code address:port}, for the status. */
  String remote();
}
