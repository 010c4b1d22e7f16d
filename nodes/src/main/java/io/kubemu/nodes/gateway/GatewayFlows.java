package io.kubemu.nodes.gateway;

import io.kubemu.protocols.addr.Ipv4Address;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Real clients' UDP flows through a node's host gateway, by the id the real side gave each
 * (one per client address and port): a flow's first datagram binds it a port of the gateway, as a
 * client's socket gets an ephemeral port, and what comes back to that port, or an ICMP error about
 * what it sent, goes to the flow's real side. The real side ends a flow when it has been idle.
 */
public final class GatewayFlows {
  private final HostGateway gateway;
  private final Map<Long, Integer> ports = new HashMap<>();

  public GatewayFlows(HostGateway gateway) {
    this.gateway = gateway;
  }

  /** The real client's datagram for {@code address:port}. */
  public void send(long flow, Ipv4Address address, int port, byte[] payload, Consumer<GatewayEvent> events) {
    Integer from = ports.get(flow);
    if (from == null) {
      int bound = gateway.bindUdp(new HostGateway.UdpReceiver() {
        @Override
        public void datagram(Ipv4Address source, int sourcePort, byte[] data) {
          events.accept(new GatewayEvent.Datagram(flow, data));
        }

        @Override
        public void unreachable(String errno) {
          events.accept(new GatewayEvent.Unreachable(flow, errno));
        }
      });
      if (bound < 0) {
        events.accept(new GatewayEvent.Unreachable(flow, "Resource temporarily unavailable"));
        return;
      }
      ports.put(flow, bound);
      from = bound;
    }
    gateway.sendUdp(from, address, port, payload);
  }

  /** The flow is over: its gateway port closes. */
  public void end(long flow) {
    Integer port = ports.remove(flow);
    if (port != null) {
      gateway.closeUdp(port);
    }
  }

  public int size() {
    return ports.size();
  }
}
