package io.kubemu.emulator.gateway;

import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.gateway.GatewayEvent;
import io.kubemu.protocols.addr.Ipv4Address;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One real UDP port on 127.0.0.1 for a Service's UDP node port or load-balancer port: each real
 * client (address and port) is a flow that leaves the entry node's host gateway from a port of its
 * own, as a NAT gives each client one, so replies find their way back to the client that asked.
 * A flow idle for {@link #IDLE} is forgotten, as conntrack forgets an idle UDP flow. A reader
 * thread takes the datagrams off the channel; everything else runs on the actor.
 */
final class UdpRelay extends AbstractBehavior<UdpRelay.Command> {
  sealed interface Command {}

  record FromClient(SocketAddress client, byte[] payload) implements Command {}

  private record FromNode(GatewayEvent event) implements Command {}

  private record Sweep() implements Command {}

  private record Flow(long id, SocketAddress client, long[] lastSeen) {}

  static final Duration IDLE = Duration.ofSeconds(30);
  private static final AtomicLong FLOWS = new AtomicLong(1L << 40);

  private final DatagramChannel channel;
  private final ActorRef<NodeAgent.Command> agent;
  private final Ipv4Address target;
  private final int targetPort;
  private final ActorRef<GatewayEvent> events;
  private final Map<SocketAddress, Flow> byClient = new HashMap<>();
  private final Map<Long, Flow> byId = new HashMap<>();

  static Behavior<Command> create(DatagramChannel channel, ActorRef<NodeAgent.Command> agent, Ipv4Address target, int targetPort) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      timers.startTimerWithFixedDelay(new Sweep(), IDLE.dividedBy(3));
      return new UdpRelay(ctx, channel, agent, target, targetPort);
    }));
  }

  private UdpRelay(ActorContext<Command> ctx, DatagramChannel channel, ActorRef<NodeAgent.Command> agent, Ipv4Address target,
      int targetPort) {
    super(ctx);
    this.channel = channel;
    this.agent = agent;
    this.target = target;
    this.targetPort = targetPort;
    this.events = ctx.messageAdapter(GatewayEvent.class, FromNode::new);
    ActorRef<Command> self = ctx.getSelf();
    Thread reader = new Thread(() -> read(channel, self), "kubemu-udp-" + targetPort);
    reader.setDaemon(true);
    reader.start();
  }

  /** Blocks on the channel until it closes; each datagram becomes a message. */
  private static void read(DatagramChannel channel, ActorRef<Command> relay) {
    ByteBuffer buf = ByteBuffer.allocate(65_535);
    try {
      while (channel.isOpen()) {
        buf.clear();
        SocketAddress from = channel.receive(buf);
        buf.flip();
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        relay.tell(new FromClient(from, bytes));
      }
    } catch (ClosedChannelException closed) {
      // the Service's port went away
    } catch (IOException e) {
      // the channel failed: the relay stops hearing clients, as a closed socket does
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromClient.class, this::onFromClient)
        .onMessage(FromNode.class, this::onFromNode)
        .onMessage(Sweep.class, m -> onSweep())
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onFromClient(FromClient m) {
    Flow flow = byClient.computeIfAbsent(m.client(), c -> {
      Flow f = new Flow(FLOWS.incrementAndGet(), c, new long[1]);
      byId.put(f.id(), f);
      return f;
    });
    flow.lastSeen()[0] = System.nanoTime();
    agent.tell(new NodeAgent.GatewayDatagram(flow.id(), target, targetPort, m.payload(), events));
    return this;
  }

  private Behavior<Command> onFromNode(FromNode m) {
    Flow flow = byId.get(m.event().id());
    if (flow != null && m.event() instanceof GatewayEvent.Datagram d) {
      flow.lastSeen()[0] = System.nanoTime();
      try {
        channel.send(ByteBuffer.wrap(d.payload()), flow.client());
      } catch (IOException e) {
        getContext().getLog().debug("udp reply to {} not sent: {}", flow.client(), e.getMessage());
      }
    }
    return this; // Unreachable: a real UDP client hears nothing, as it would behind a NAT that drops ICMP
  }

  private Behavior<Command> onSweep() {
    long idleSince = System.nanoTime() - IDLE.toNanos();
    for (Iterator<Flow> it = byId.values().iterator(); it.hasNext();) {
      Flow f = it.next();
      if (f.lastSeen()[0] < idleSince) {
        it.remove();
        byClient.remove(f.client());
        agent.tell(new NodeAgent.GatewayFlowEnd(f.id()));
      }
    }
    return this;
  }

  private Behavior<Command> onStop() {
    byId.keySet().forEach(id -> agent.tell(new NodeAgent.GatewayFlowEnd(id)));
    try {
      channel.close();
    } catch (IOException e) {
      // closing anyway
    }
    return this;
  }

  /** Opens 127.0.0.1:{@code port} (0: any free one). */
  static DatagramChannel open(int port) throws IOException {
    DatagramChannel ch = DatagramChannel.open();
    try {
      // room for a burst (dnsperf keeps hundreds of queries in flight) while the reader hands them on
      ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
      ch.bind(new InetSocketAddress("127.0.0.1", port));
      return ch;
    } catch (IOException e) {
      ch.close();
      throw e;
    }
  }
}
