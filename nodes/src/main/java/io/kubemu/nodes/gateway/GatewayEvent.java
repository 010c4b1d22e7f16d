package io.kubemu.nodes.gateway;

/**
 * What the node agent tells the real side of a gateway connection: the emulated connection is up,
 * bytes arrived, the emulated server finished sending, or the connection is gone (with the errno
 * text of a failure, null after an orderly close), and that a write was taken (flow control). For
 * a real client's UDP flow: a datagram came back, or an ICMP error said nobody is there.
 */
public sealed interface GatewayEvent {
  long id();

  record Connected(long id) implements GatewayEvent {}

  record Received(long id, byte[] data) implements GatewayEvent {}

  record Written(long id) implements GatewayEvent {}

  record EndOfStream(long id) implements GatewayEvent {}

  record Closed(long id, String error) implements GatewayEvent {}

  record Datagram(long id, byte[] payload) implements GatewayEvent {}

  record Unreachable(long id, String error) implements GatewayEvent {}
}
