package io.kubemu.emulator.gateway;

import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.gateway.GatewayEvent;
import io.kubemu.protocols.addr.Ipv4Address;
import java.io.IOException;
import java.util.ArrayDeque;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.util.ByteString;

/**
 * One real client's connection, bridged to its emulated twin at the entry node's host gateway:
 * the client's bytes are written there one chunk at a time (the next is asked for once the
 * emulated socket took the last, so a fast client waits), and what the emulated server sends goes
 * back into the real socket. A FIN either way is passed on; a reset or a failure on one side
 * resets the other.
 */
final class GatewayBridge extends AbstractBehavior<GatewayBridge.Command> {
  sealed interface Command {}

  /** A chunk from the real client; {@code replyTo} hears Done once the emulated socket took it. */
  record FromClient(ByteString bytes, ActorRef<Done> replyTo) implements Command {}

  /** The real client finished sending (true) or its connection failed (false). */
  record ClientEnded(boolean orderly) implements Command {}

  private record FromNode(GatewayEvent event) implements Command {}

  private final long id;
  private final ActorRef<NodeAgent.Command> agent;
  private final BoundedSourceQueue<ByteString> toClient;
  private final ActorRef<GatewayEvent> events;
  private final ArrayDeque<FromClient> waiting = new ArrayDeque<>();
  private FromClient inFlight;
  private boolean connected;
  private boolean clientEnded;
  private boolean nodeClosed;

  static Behavior<Command> create(ActorRef<NodeAgent.Command> agent, long id, Ipv4Address target, int port,
      BoundedSourceQueue<ByteString> toClient) {
    return Behaviors.setup(ctx -> new GatewayBridge(ctx, agent, id, target, port, toClient));
  }

  private GatewayBridge(ActorContext<Command> ctx, ActorRef<NodeAgent.Command> agent, long id, Ipv4Address target, int port,
      BoundedSourceQueue<ByteString> toClient) {
    super(ctx);
    this.id = id;
    this.agent = agent;
    this.toClient = toClient;
    this.events = ctx.messageAdapter(GatewayEvent.class, FromNode::new);
    agent.tell(new NodeAgent.GatewayConnect(id, target, port, events));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromClient.class, this::onFromClient)
        .onMessage(ClientEnded.class, this::onClientEnded)
        .onMessage(FromNode.class, this::onFromNode)
        .build();
  }

  private Behavior<Command> onFromClient(FromClient m) {
    waiting.add(m);
    return next();
  }

  /** Sends the next chunk once the last one was taken and the emulated connection is up. */
  private Behavior<Command> next() {
    if (connected && inFlight == null && !waiting.isEmpty()) {
      inFlight = waiting.poll();
      agent.tell(new NodeAgent.GatewayWrite(id, inFlight.bytes().toArray(), events));
    } else if (connected && inFlight == null && waiting.isEmpty() && clientEnded) {
      agent.tell(new NodeAgent.GatewayEnd(id, false));
      clientEnded = false;
    }
    return this;
  }

  private Behavior<Command> onClientEnded(ClientEnded m) {
    if (!m.orderly()) {
      agent.tell(new NodeAgent.GatewayEnd(id, true));
      toClient.complete();
      return Behaviors.stopped();
    }
    clientEnded = true;
    return nodeClosed ? Behaviors.stopped() : next();
  }

  private Behavior<Command> onFromNode(FromNode m) {
    GatewayEvent e = m.event();
    if (e instanceof GatewayEvent.Connected) {
      connected = true;
      return next();
    }
    if (e instanceof GatewayEvent.Written) {
      if (inFlight != null) {
        inFlight.replyTo().tell(Done.getInstance());
        inFlight = null;
      }
      return next();
    }
    if (e instanceof GatewayEvent.Received r) {
      if (toClient.offer(ByteString.fromArray(r.data())) != QueueOfferResult.enqueued()) {
        // the real client reads slower than the emulated server sends, past the buffer: reset both
        agent.tell(new NodeAgent.GatewayEnd(id, true));
        toClient.fail(new IOException("kubemu: the real client fell too far behind; connection reset"));
        return Behaviors.stopped();
      }
      return this;
    }
    if (e instanceof GatewayEvent.EndOfStream) {
      toClient.complete();
      return this;
    }
    GatewayEvent.Closed c = (GatewayEvent.Closed) e;
    nodeClosed = true;
    if (c.error() == null) {
      toClient.complete();
    } else {
      toClient.fail(new IOException(c.error()));
    }
    if (inFlight != null) {
      inFlight.replyTo().tell(Done.getInstance());
    }
    return Behaviors.stopped();
  }
}
