package io.kubemu.protocols.bgp.session;

import io.kubemu.protocols.bgp.BgpMessage;
import io.kubemu.protocols.bgp.BgpOpen;
import java.time.Duration;

/** What the session asks its driver to do; the driver owns the TCP connection and the routes. */
public sealed interface SessionAction {
  /** Open a TCP connection to the peer and report {@link BgpSession#connected} or {@link BgpSession#connectFailed}. */
  record Connect() implements SessionAction {}

  record Send(BgpMessage message) implements SessionAction {}

  /** Close the connection (after sending what came before this action). */
  record Disconnect() implements SessionAction {}

  /** The session is up: UPDATEs may flow; {@code holdTime} is the negotiated one, zero for none. */
  record Established(BgpOpen peerOpen, Duration holdTime, boolean fourOctetAs) implements SessionAction {}

  /** An established session went down: every route learned from the peer must be withdrawn. */
  record Down(String reason) implements SessionAction {}
}
