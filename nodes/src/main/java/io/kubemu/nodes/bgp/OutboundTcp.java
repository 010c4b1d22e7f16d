package io.kubemu.nodes.bgp;

import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Real TCP connections that a node agent has its host JVM open for it, such as a BGP session to a
 * real router named by a Calico BGPPeer (peerIP {@code 127.0.0.1:17900}). The nodes module does no
 * real I/O: every host JVM runs a relay (the emulator's {@code OutboundTcpRelay}) listed with the
 * Receptionist under {@link #KEY}, and a node asks the one of its own host, which {@link #ownHost}
 * picks from a listing.
 *
 * <p>The conversation: {@link Open} with an id the caller chose, then {@link Opened} (or
 * {@link Closed} with the error: refused, unreachable, timed out after about 5 s). Each
 * {@link Write} is answered by {@link Written} once its bytes were handed to the socket, so a
 * caller that waits for it before the next write never queues more than one; bytes from the peer
 * arrive as {@link Received}, in order. {@link Close} closes after the writes already given
 * (orderly, with a FIN); {@link Abort} resets at once. Exactly one {@link Closed} ends every
 * connection, whoever ended it: null error after {@link Close} or when the peer closed in order,
 * otherwise the reason. Nothing follows it. An id must not be in use on that relay (an Open with
 * one is refused with Closed); commands for an unknown id are ignored.
 *
 * <p>These messages never leave a JVM (a node talks to its own host's relay), so they are not
 * registered with Kryo; sent to another host's relay they would fail to serialize.
 */
public final class OutboundTcp {
  public static final ServiceKey<Command> KEY = ServiceKey.create(Command.class, "kubemu-outbound-tcp");

  private OutboundTcp() {}

  public sealed interface Command {
    long id();
  }

  /**
   * Connect to {@code host}:{@code port}, from {@code bindAddress} when it is not null (e.g.
   * 127.0.0.2, so that a router that tells neighbours apart by address sees this node as itself).
   */
  public record Open(long id, String host, int port, String bindAddress, ActorRef<Event> replyTo) implements Command {}

  /** Bytes to send; the array is not copied, so do not change it after. */
  public record Write(long id, byte[] data) implements Command {}

  /** Close after the writes already given. */
  public record Close(long id) implements Command {}

  /** Reset the connection now; writes not yet sent are dropped. */
  public record Abort(long id) implements Command {}

  public sealed interface Event {
    long id();
  }

  /** The connection is up, from this local address and port. */
  public record Opened(long id, String localAddress, int localPort) implements Event {}

  public record Received(long id, byte[] data) implements Event {}

  /** The bytes of one {@link Write} were taken by the socket. */
  public record Written(long id) implements Event {}

  /** The connection is gone; {@code error} is null when it ended in order. */
  public record Closed(long id, String error) implements Event {}

  /** The relay of this JVM among those a Receptionist listing names (one per host JVM). */
  public static Optional<ActorRef<Command>> ownHost(Receptionist.Listing listing) {
    return listing.getServiceInstances(KEY).stream().filter(r -> r.path().address().hasLocalScope()).findFirst();
  }
}
