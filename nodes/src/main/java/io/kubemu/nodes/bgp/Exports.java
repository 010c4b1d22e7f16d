package io.kubemu.nodes.bgp;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.bgp.AsPath;
import io.kubemu.protocols.bgp.BgpMessage;
import io.kubemu.protocols.bgp.BgpUpdate;
import io.kubemu.protocols.bgp.PathAttribute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a speaker tells each neighbour: the best paths its export rules let through, as few UPDATEs
 * as fit (prefixes with the same attributes share one), and only what changed since the last time.
 * The rules are BIRD's with Calico's export filter: the node's own routes go to everyone; learned
 * routes only inside the IP pools; iBGP routes to iBGP neighbours only through a route reflector
 * (RFC 4456: from a client to all, from a non-client to clients, with ORIGINATOR_ID and CLUSTER_LIST);
 * to an external AS with the node's AS prepended and itself as next hop.
 */
final class Exports {
  private static final int UPDATE_OVERHEAD = BgpMessage.HEADER_LENGTH + BgpUpdate.MIN_BODY;

  private final Ipv4Address self;
  private final BgpRib rib;
  /**
   * The attributes each best path goes out with, per kind of neighbour (4-octet AS, reflected), and
   * the UPDATEs encoded from them, kept while the setup stays: a reflector tells a thousand clients
   * the same thing, and builds it once. Shared lists also make the Adj-RIBs-Out share their entries.
   */
  private final Map<BgpPath, List<PathAttribute>[]> memo = new IdentityHashMap<>();
  private final Map<List<PathAttribute>, Map<List<Ipv4Cidr>, byte[]>> encoded = new IdentityHashMap<>();
  /** One list per set of attributes, so that equal sets are the same object: grouped and looked up by identity. */
  private final Map<List<PathAttribute>, List<PathAttribute>> interned = new HashMap<>();

  /** The setup what is kept was built for. */
  private BgpSpeaker.Setup memoSetup;

  Exports(Ipv4Address self, BgpRib rib) {
    this.self = self;
    this.rib = rib;
  }

  /**
   * Before sending: what was built stays good while the setup is the same (it is keyed by the best
   * path's identity, and a new best path is a new object), but the paths that stopped being best
   * are forgotten once they could outnumber those that are.
   */
  void newPass(BgpSpeaker.Setup setup) {
    int bound = 2 * rib.size() + 64;
    if (setup != memoSetup || memo.size() > bound || encoded.size() > bound) {
      memo.clear();
      encoded.clear();
      interned.clear();
      memoSetup = setup;
    }
  }

  /**
   * A prefix whose best path changed, looked up once for a pass over every neighbour, and what it is
   * exported with, found once when a neighbour first asks: most paths go to no neighbour (a path
   * learned over iBGP, on all but reflectors), and keeping a slot for each cost a map entry a path.
   */
  static final class Change {
    final Ipv4Cidr prefix;
    final BgpPath best;
    private List<PathAttribute>[] kinds;

    Change(Ipv4Cidr prefix, BgpPath best) {
      this.prefix = prefix;
      this.best = best;
    }
  }

  /** The changes of one pass: each prefix's best path, found once, not per neighbour. */
  List<Change> changes(Collection<Ipv4Cidr> prefixes) {
    List<Change> out = new ArrayList<>(prefixes.size());
    for (Ipv4Cidr p : prefixes) {
      out.add(new Change(p, rib.best(p)));
    }
    return out;
  }

  /** Sends {@code n} what changed. */
  void sendAll(BgpNeighbor n, BgpSpeaker.Setup setup, List<Change> changes) {
    List<Ipv4Cidr> withdraw = new ArrayList<>();
    Announce announce = new Announce();
    for (Change c : changes) {
      consider(n, setup, c.prefix, c.best, c, withdraw, announce);
    }
    send(n, withdraw, announce);
  }

  /** Sends a neighbour whose session just came up the whole table its export rules let through. */
  void sendTable(BgpNeighbor n, BgpSpeaker.Setup setup) {
    List<Ipv4Cidr> withdraw = new ArrayList<>();
    // Not sized by the table: in a mesh a neighbour is sent only the node's own blocks, out of a thousand.
    Announce announce = new Announce();
    rib.forEachBest((prefix, best) -> consider(n, setup, prefix, best, null, withdraw, announce));
    send(n, withdraw, announce);
  }

  /** Prefixes to announce grouped by their attributes, interned lists compared by identity, in the order first met. */
  private static final class Announce {
    final List<List<PathAttribute>> order = new ArrayList<>();
    final Map<List<PathAttribute>, List<Ipv4Cidr>> prefixes = new IdentityHashMap<>();

    void add(List<PathAttribute> attrs, Ipv4Cidr p) {
      List<Ipv4Cidr> list = prefixes.get(attrs);
      if (list == null) {
        list = new ArrayList<>(1);
        prefixes.put(attrs, list);
        order.add(attrs);
      }
      list.add(p);
    }
  }

  /** Adds {@code p} to what {@code n} is sent when its attributes for {@code n} changed; {@code change} may be null. */
  private void consider(BgpNeighbor n, BgpSpeaker.Setup setup, Ipv4Cidr p, BgpPath best, Change change,
      List<Ipv4Cidr> withdraw, Announce announce) {
    List<PathAttribute> attrs = attributes(best, change, n, setup);
    List<PathAttribute> old = n.advertised.get(p);
    if (Objects.equals(attrs, old)) { // identity first: interned lists
      return;
    }
    if (attrs == null) {
      n.advertised.remove(p);
      withdraw.add(p);
    } else {
      n.advertised.put(p, attrs);
      announce.add(attrs, p);
    }
  }

  private void send(BgpNeighbor n, List<Ipv4Cidr> withdraw, Announce announce) {
    List<byte[]> out = new ArrayList<>();
    for (List<Ipv4Cidr> chunk : chunks(withdraw, UPDATE_OVERHEAD)) {
      out.add(BgpUpdate.withdraw(chunk).toBytes());
    }
    for (List<PathAttribute> attrs : announce.order) {
      List<Ipv4Cidr> nlri = announce.prefixes.get(attrs);
      Map<List<Ipv4Cidr>, byte[]> updates = encoded.computeIfAbsent(attrs, a -> new HashMap<>(2));
      // One prefix always goes in one UPDATE (a reflector's every route: its attributes differ per block); more
      // are split to fit
      List<List<Ipv4Cidr>> chunks = nlri.size() == 1 ? List.of(nlri)
          : chunks(nlri, UPDATE_OVERHEAD + BgpUpdate.attributesLength(attrs));
      for (List<Ipv4Cidr> chunk : chunks) {
        out.add(updates.computeIfAbsent(chunk, c -> new BgpUpdate(List.of(), attrs, c).toBytes()));
      }
    }
    n.sendEncoded(out);
  }

  /** Splits prefixes into lists that fit one message beside {@code overhead} bytes. */
  private static List<List<Ipv4Cidr>> chunks(List<Ipv4Cidr> prefixes, int overhead) {
    List<List<Ipv4Cidr>> out = new ArrayList<>();
    List<Ipv4Cidr> current = new ArrayList<>();
    int size = overhead;
    for (Ipv4Cidr p : prefixes) {
      int len = 1 + (p.prefixLength() + 7) / 8;
      if (size + len > BgpMessage.MAX_LENGTH) {
        out.add(current);
        current = new ArrayList<>();
        size = overhead;
      }
      current.add(p);
      size += len;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /** Whether a learned prefix lies inside one of the pools (Calico's export filter). */
  private static boolean exportable(Ipv4Cidr prefix, List<Ipv4Cidr> pools) {
    for (Ipv4Cidr pool : pools) {
      if (pool.prefixLength() <= prefix.prefixLength() && pool.contains(prefix.network())) {
        return true;
      }
    }
    return false;
  }

  /** What is kept for {@code best}, through {@code change} when there is one: looked up once a pass. */
  private List<PathAttribute>[] kinds(BgpPath best, Change change) {
    if (change == null) {
      return kinds(best);
    }
    if (change.kinds == null) {
      change.kinds = kinds(best);
    }
    return change.kinds;
  }

  /** What is kept for {@code best}: its iBGP attributes per kind of neighbour, built as they are first asked for. */
  @SuppressWarnings("unchecked")
  private List<PathAttribute>[] kinds(BgpPath best) {
    return memo.computeIfAbsent(best, b -> new List[4]);
  }

  /**
   * The attributes {@code best} goes to {@code n} with; null when it is not exported to it. What is
   * kept for it is looked up through {@code change} when there is one.
   */
  private List<PathAttribute> attributes(BgpPath best, Change change, BgpNeighbor n, BgpSpeaker.Setup setup) {
    if (best == null || best.from().protocol().equals(n.spec.name())) {
      return null;
    }
    boolean toIbgp = n.spec.asn() == setup.asn();
    boolean reflect = false;
    boolean fourOctet = n.fourOctetAs();
    if (!best.from().local()) {
      // iBGP to iBGP first: in a mesh this turns nearly every (path, neighbour) pair away at once.
      if (best.from().ibgp() && toIbgp) {
        if (setup.clusterId() == null || !(best.from().rrClient() || n.spec.rrClient())) {
          return null;
        }
        reflect = true;
      }
      if (!exportable(best.prefix(), setup.exportable())) {
        return null;
      }
    }
    if (!toIbgp) {
      return intern(build(best, setup, false, false, fourOctet)); // eBGP: prepended, next hop self; few neighbours
    }
    int kind = (reflect ? 2 : 0) | (fourOctet ? 1 : 0);
    List<PathAttribute>[] kinds = kinds(best, change);
    if (kinds[kind] == null) {
      kinds[kind] = intern(build(best, setup, true, reflect, fourOctet));
    }
    return kinds[kind];
  }

  private List<PathAttribute> intern(List<PathAttribute> attrs) {
    List<PathAttribute> known = interned.putIfAbsent(attrs, attrs);
    return known != null ? known : attrs;
  }

  private List<PathAttribute> build(BgpPath best, BgpSpeaker.Setup setup, boolean toIbgp, boolean reflect,
      boolean fourOctet) {
    List<PathAttribute> attrs = new ArrayList<>();
    attrs.add(new PathAttribute.Origin(best.origin()));
    AsPath path = toIbgp ? best.asPath() : best.asPath().prepend(setup.asn());
    attrs.add(new AsPath(path.segments(), fourOctet));
    attrs.add(new PathAttribute.NextHop(!toIbgp || best.from().local() ? self : best.nextHop()));
    if (toIbgp) {
      attrs.add(new PathAttribute.LocalPref(best.localPref()));
    }
    if (reflect) {
      attrs.add(new PathAttribute.OriginatorId(best.originRouter()));
      List<Ipv4Address> clusters = new ArrayList<>();
      clusters.add(setup.clusterId());
      clusters.addAll(best.clusterList());
      attrs.add(new PathAttribute.ClusterList(clusters));
    }
    return List.copyOf(attrs);
  }
}
