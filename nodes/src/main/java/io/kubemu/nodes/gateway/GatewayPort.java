package io.kubemu.nodes.gateway;

import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.tcp.TcpTimer;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.function.Consumer;

/**
 * The host's side of one node: its segment's gateway on its underlay, with the real
 * clients' TCP connections and UDP flows that enter the cluster through it. What the node agent
 * hears from the host's real ports lands here; what the node routes to the gateway comes back here.
 */
public final class GatewayPort {
  private final HostGateway gateway;
  private final GatewayConnections connections;
  private final GatewayFlows flows;

  /**
   * The gateway at {@code address} on {@code dp}'s underlay; frames for other nodes go to {@code nodes},
   * those beyond them up {@code uplink}.
   */
  public GatewayPort(NodeDataplane dp, Ipv4Address address, TcpTimer.Scheduler timers, HostGateway.Uplink uplink,
      HostGateway.Nodes nodes) {
    this.gateway = new HostGateway(dp, address, timers, uplink, nodes);
    this.connections = new GatewayConnections(gateway);
    this.flows = new GatewayFlows(gateway);
  }

  public Ipv4Address address() {
    return gateway.address();
  }

  /** A frame the node sent to the gateway. */
  public void receive(byte[] frame) {
    gateway.receive(frame);
  }

  public void timer(TcpTimer timer) {
    gateway.tcp().onTimer(timer);
  }

  public void connect(long id, Ipv4Address address, int port, Consumer<GatewayEvent> events) {
    connections.connect(id, address, port, events);
  }

  public void write(long id, byte[] data, Consumer<GatewayEvent> events) {
    connections.write(id, data, events);
  }

  /** The real client finished sending ({@code abort} false: a FIN follows) or went away (a reset). */
  public void end(long id, boolean abort) {
    if (abort) {
      connections.abort(id);
    } else {
      connections.shutdown(id);
    }
  }

  public void datagram(long id, Ipv4Address address, int port, byte[] payload, Consumer<GatewayEvent> events) {
    flows.send(id, address, port, payload, events);
  }

  public void flowEnd(long id) {
    flows.end(id);
  }
}
