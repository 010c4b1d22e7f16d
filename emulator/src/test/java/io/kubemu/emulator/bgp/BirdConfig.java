package io.kubemu.emulator.bgp;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BIRD 2 configuration of a top-of-rack router that emulated nodes peer with over loopback, as
 * data; {@link #render} writes it once the harness knows the port and the folder. Every session is
 * passive on 127.0.0.1 (the nodes connect, each from its own 127.x source address) and multihop,
 * because BIRD refuses a direct session to an address on {@code lo} ("Invalid remote address").
 * Multihop resolves a received NEXT_HOP recursively: a node IP such as 172.18.0.3 is "unreachable"
 * unless a route covers it, which {@link #nodeNetwork} adds as a device route on {@code lo}. What
 * BIRD announces is its static routes (blackholes) and, with {@code next hop keep}, what it learned
 * from the other nodes, each with the next hop its node gave. examples/bgp-tor-peer.bird.conf is the
 * same configuration, commented, for a person.
 */
public final class BirdConfig {
  /** BIRD's router ID: it cannot take one from an interface it does not scan. */
  public static final String ROUTER_ID = "10.255.0.1";

  private final long localAs;
  private final Map<String, Long> neighbors = new LinkedHashMap<>();
  private String range;
  private long rangeAs;
  private final List<String> announced = new ArrayList<>();
  private final List<String> nodeNetworks = new ArrayList<>();
  private int holdTime = 90;
  private boolean routeReflector;

  private BirdConfig(long localAs) {
    this.localAs = localAs;
  }

  /** A router in {@code localAs}: eBGP to nodes of another AS, iBGP to nodes of its own. */
  public static BirdConfig router(long localAs) {
    return new BirdConfig(localAs);
  }

  /** One neighbour, a protocol named by {@link #protocolName}; {@code asn} 0 accepts any other AS. */
  public BirdConfig neighbor(String address, long asn) {
    neighbors.put(address, asn);
    return this;
  }

  /**
   * Every address of {@code cidr} may connect (BIRD's dynamic BGP): each session is a protocol of
   * its own, named node1, node2, ... in the order they came; {@code asn} 0 accepts any other AS.
   * One range per router.
   */
  public BirdConfig neighborRange(String cidr, long asn) {
    range = cidr;
    rangeAs = asn;
    return this;
  }

  /** Static routes BIRD announces (blackholes in its own table). */
  public BirdConfig announce(String... prefixes) {
    announced.addAll(List.of(prefixes));
    return this;
  }

  /** A route for the node network, so that a next hop in it resolves (it is not announced). */
  public BirdConfig nodeNetwork(String cidr) {
    nodeNetworks.add(cidr);
    return this;
  }

  public BirdConfig holdTime(int seconds) {
    holdTime = seconds;
    return this;
  }

  /** iBGP nodes are route-reflector clients: BIRD passes each one's routes to the others unchanged. */
  public BirdConfig routeReflector() {
    routeReflector = true;
    return this;
  }

  /** The protocol BIRD runs for {@link #neighbor}, e.g. peer_127_0_0_2. */
  public static String protocolName(String address) {
    return "peer_" + address.replace('.', '_');
  }

  /** The whole configuration, listening on 127.0.0.1:{@code port}, logging into {@code log}. */
  public String render(int port, Path log) {
    StringBuilder c = new StringBuilder();
    c.append("log \"").append(log).append("\" all;\n");
    c.append("router id ").append(ROUTER_ID).append(";\n");
    c.append("protocol device {}\n"); // reads the interfaces (no privilege needed): the route via "lo" wants lo
    c.append("protocol static announced {\n  ipv4;\n");
    announced.forEach(p -> c.append("  route ").append(p).append(" blackhole;\n"));
    c.append("}\n");
    if (!nodeNetworks.isEmpty()) {
      c.append("protocol static node_network {\n  ipv4;\n");
      nodeNetworks.forEach(p -> c.append("  route ").append(p).append(" via \"lo\";\n"));
      c.append("}\n");
    }
    c.append("template bgp node_peer {\n")
        .append("  local 127.0.0.1 port ").append(port).append(" as ").append(localAs).append(";\n")
        .append("  passive on;\n  strict bind on;\n  multihop;\n")
        .append("  hold time ").append(holdTime).append(";\n")
        .append("  error wait time 1, 5;\n") // a test may reconnect at once after an error (default 60..300 s)
        .append(routeReflector ? "  rr client;\n" : "")
        .append("  ipv4 { import all; export where proto != \"node_network\"; next hop keep; };\n")
        .append("}\n");
    neighbors.forEach((address, asn) -> c.append("protocol bgp ").append(protocolName(address))
        .append(" from node_peer {\n  neighbor ").append(address).append(peerAs(asn)).append(";\n}\n"));
    if (range != null) {
      c.append("protocol bgp nodes from node_peer {\n  neighbor range ").append(range).append(peerAs(rangeAs))
          .append(";\n  dynamic name \"node\";\n}\n");
    }
    return c.toString();
  }

  private String peerAs(long asn) {
    return asn == 0 ? (routeReflector ? " internal" : " external") : " as " + asn;
  }
}
