package io.kubemu.nodes.app.http;

import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;

/**
 * connect(2) for a client that does not care who owns the socket: a process
 * ({@code AppContext::connectTcp}) or the kubelet probing a pod ({@code stack.tcp()::connect}).
 */
@FunctionalInterface
public interface TcpConnector {
  TcpSocket connect(Ipv4Address destination, int port, TcpHandler handler);
}
