package io.kubemu.nodes.agent;

import io.kubemu.nodes.bgp.BgpSpeaker;
import io.kubemu.nodes.bgp.OutboundTcp;
import io.kubemu.nodes.bgp.RealTransport;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * The node's real TCP connections (BGP sessions with routers outside kubemu), opened by its own
 * host JVM's relay: the speaker's sessions speak through {@link RealTransport}s, and the relay's
 * events come back to them here. Connection ids carry the node's address, since every node of a
 * host shares that host's relay.
 */
final class NodeRealTcp implements BgpSpeaker.RealConnector {
  private final ActorRef<OutboundTcp.Event> events;
  private final long idBase;
  private final Map<Long, RealTransport> open = new HashMap<>();
  private ActorRef<OutboundTcp.Command> relay;
  private long next = 1;

  NodeRealTcp(Ipv4Address nodeIp, ActorRef<OutboundTcp.Event> events) {
    this.events = events;
    this.idBase = (long) nodeIp.bits() << 32;
  }

  /** The relays the receptionist lists: this host's is the one to use. */
  void listed(Receptionist.Listing listing) {
    relay = OutboundTcp.ownHost(listing).orElse(null);
  }

  @Override
  public void open(RealTransport t) {
    if (relay == null) {
      t.closed("Network is unreachable (this host has no relay for real connections yet)");
      return;
    }
    long id = idBase | next++;
    open.put(id, t);
    relay.tell(new OutboundTcp.Open(id, t.host(), t.port(), t.source(), events));
  }

  void event(OutboundTcp.Event e) {
    RealTransport t = open.get(e.id());
    if (t == null) {
      return;
    }
    ActorRef<OutboundTcp.Command> via = relay;
    long id = e.id();
    if (e instanceof OutboundTcp.Opened) {
      t.opened(new RealTransport.Writer() {
        @Override
        public boolean write(byte[] data) {
          via.tell(new OutboundTcp.Write(id, data));
          return true;
        }

        @Override
        public void close() {
          via.tell(new OutboundTcp.Close(id));
        }
      });
    } else if (e instanceof OutboundTcp.Received r) {
      t.received(r.data());
    } else if (e instanceof OutboundTcp.Closed c) {
      open.remove(id);
      t.closed(c.error());
    }
  }
}
