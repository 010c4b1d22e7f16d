package io.kubemu.nodes.tcp;

/** A listening socket's program: accept() returned {@code socket}; the answer hears its events. */
@FunctionalInterface
public interface TcpAcceptor {
  TcpHandler accept(TcpSocket socket);
}
