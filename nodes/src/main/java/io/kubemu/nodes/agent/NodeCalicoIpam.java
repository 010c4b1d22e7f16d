package io.kubemu.nodes.agent;

import io.kubemu.nodes.backend.CalicoBgp;
import io.kubemu.nodes.ipam.CalicoIpam;
import io.kubemu.nodes.ipam.PodIpam;
import io.kubemu.nodes.net.NodeDataplane;
import io.kubemu.nodes.net.Route;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * calico-ipam on one node, as the CNI plugin calls it: a pod gets the next address of the node's
 * affine blocks, a /32 on its eth0 with 169.254.1.1 as gateway, and a route {@code <ip> dev cni0}
 * on the node. When the blocks are full the node claims a new one from the pools through the API
 * server; when the pools have no free block, it borrows an address from another node's block and
 * advertises it as a /32. The speaker originates whatever {@link CalicoIpam#advertised} says.
 */
final class NodeCalicoIpam implements PodIpam {
  /** How long a claim may go unanswered (the control plane failing over) before it is sent again. */
  private static final long CLAIM_RETRY_MILLIS = 5_000;
  /** After the pools were found full, how long the node borrows before it tries to claim again. */
  private static final long EXHAUSTED_MILLIS = 30_000;

  /** What the node does when addresses arrive or cannot. */
  interface Pods {
    void available();

    void exhausted(String error);
  }

  private final NodeConfig config;
  private final NodeDataplane dp;
  private final ActorRef<KubeletReport> api;
  private final ActorRef<NodeAgent.Command> self;
  private final Consumer<Set<Ipv4Cidr>> advertise;
  private final Supplier<Map<String, NodeLease>> peers;
  private final LongSupplier clock;
  private final Consumer<Ipv4Address> tunnelAddress;
  private final CalicoIpam ipam = new CalicoIpam();
  private boolean tunnelAssigned;
  private final Deque<Ipv4Address> spare = new ArrayDeque<>();
  private Pods pods;
  private long claimSentAt = -1;
  private long exhaustedAt = -1;
  private Deque<NodeLease> lenders;

  NodeCalicoIpam(NodeConfig config, NodeDataplane dp, ActorRef<KubeletReport> api, ActorRef<NodeAgent.Command> self,
      Consumer<Set<Ipv4Cidr>> advertise, Supplier<Map<String, NodeLease>> peers, LongSupplier clock,
      Consumer<Ipv4Address> tunnelAddress) {
    this.config = config;
    this.dp = dp;
    this.api = api;
    this.self = self;
    this.advertise = advertise;
    this.peers = peers;
    this.clock = clock;
    this.tunnelAddress = tunnelAddress;
  }

  /** As calico-node starts: it claims a block at once, for tunl0's address (Calico's IPIP tunnel address). */
  void start() {
    claim();
  }

  void pods(Pods pods) {
    this.pods = pods;
  }

  @Override
  public Optional<Lease> allocate() {
    Optional<Ipv4Address> ip = ipam.allocate();
    if (ip.isEmpty() && !spare.isEmpty()) {
      ip = Optional.of(spare.poll());
    }
    ip.ifPresent(a -> dp.routes().add(Route.connected(Ipv4Cidr.containing(a, 32), "cni0")));
    return ip.map(a -> new Lease(a, Ipv4Cidr.containing(a, 32), CalicoBgp.POD_GATEWAY));
  }

  @Override
  public void release(Ipv4Address ip) {
    dp.routes().remove(Ipv4Cidr.containing(ip, 32));
    String lender = ipam.giveBack(ip);
    if (lender == null) {
      ipam.release(ip);
      return;
    }
    NodeLease l = peers.get().get(lender);
    if (l != null && l.agent() != null) {
      l.agent().tell(new NodeAgent.ReturnAddress(ip));
    }
    advertise.accept(ipam.advertised());
  }

  /** Claims a block, or borrows when the pools were found full lately; the pods wait either way. */
  @Override
  public boolean grow() {
    if (claimSentAt >= 0 || lenders != null) {
      return true;
    }
    if (exhaustedAt >= 0 && clock.getAsLong() - exhaustedAt < EXHAUSTED_MILLIS) {
      return borrow();
    }
    claim();
    return true;
  }

  private void claim() {
    claimSentAt = clock.getAsLong();
    api.tell(new KubeletReport.ClaimBlock(config.name(), List.copyOf(ipam.blocks()), self));
  }

  /** The API server's answer: a block with affinity for this node, or why there is none. */
  void claimed(Ipv4Cidr block, String error) {
    if (claimSentAt < 0) {
      return;
    }
    claimSentAt = -1;
    if (block != null) {
      exhaustedAt = -1;
      ipam.addBlock(block);
      if (!tunnelAssigned) {
        tunnelAssigned = true;
        ipam.allocate().ifPresent(tunnelAddress);
      }
      advertise.accept(ipam.advertised());
      pods.available();
      return;
    }
    exhaustedAt = clock.getAsLong();
    if (!borrow()) {
      pods.exhausted(error);
    }
  }

  /** Asks the other Calico nodes, one after another, for an address of their blocks. */
  private boolean borrow() {
    if (lenders == null) {
      lenders = new ArrayDeque<>();
      peers.get().values().stream().filter(l -> !l.node().equals(config.name()) && CalicoBgp.NAME.equals(l.backend())
          && l.agent() != null).sorted(java.util.Comparator.comparing(NodeLease::node)).forEach(lenders::add);
    }
    NodeLease next = lenders.poll();
    if (next == null) {
      lenders = null;
      return false;
    }
    next.agent().tell(new NodeAgent.LendAddress(config.name(), self));
    return true;
  }

  /** A peer's answer to {@link NodeAgent.LendAddress}: an address of its block, or null when it has none either. */
  void lent(String lender, Ipv4Address ip) {
    if (lenders == null) {
      if (ip != null) {
        peers.get().values().stream().filter(l -> l.node().equals(lender)).findFirst()
            .ifPresent(l -> l.agent().tell(new NodeAgent.ReturnAddress(ip)));
      }
      return;
    }
    if (ip == null) {
      if (!borrow()) {
        pods.exhausted("failed to request IPv4 addresses: no free blocks in the IP pools, and no node could lend an address");
      }
      return;
    }
    lenders = null;
    ipam.borrowed(ip, lender);
    spare.add(ip);
    advertise.accept(ipam.advertised());
    pods.available();
  }

  /** Another node asks for an address of this node's blocks. */
  Ipv4Address lend(String borrower) {
    return ipam.lend(borrower).orElse(null);
  }

  /** A borrower gave an address back. */
  void returned(Ipv4Address ip) {
    ipam.release(ip);
  }

  /** Sends a claim again that went unanswered too long. */
  void tick() {
    if (claimSentAt >= 0 && clock.getAsLong() - claimSentAt > CLAIM_RETRY_MILLIS) {
      claim();
    }
  }

  @Override
  public String plugin() {
    return "calico";
  }

  @Override
  public String exhaustedMessage() {
    List<String> blocks = new ArrayList<>();
    ipam.blocks().forEach(b -> blocks.add(b.toString()));
    return "failed to request IPv4 addresses: the node's blocks " + blocks + " are full";
  }
}
