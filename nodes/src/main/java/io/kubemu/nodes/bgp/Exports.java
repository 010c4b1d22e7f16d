package io.kubemu.nodes.bgp;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.bgp.AsPath;
import io.kubemu.protocols.bgp.BgpMessage;
import io.kubemu.protocols.bgp.BgpUpdate;
import io.kubemu.protocols.bgp.PathAttribute;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
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

  Exports(Ipv4Address self, BgpRib rib) {
    this.self = self;
    this.rib = rib;
  }

  /** Sends {@code n} what changed for {@code prefixes}. */
  void sendAll(BgpNeighbor n, BgpSpeaker.Setup setup, Collection<Ipv4Cidr> prefixes) {
    List<Ipv4Cidr> withdraw = new ArrayList<>();
    Map<List<PathAttribute>, List<Ipv4Cidr>> announce = new LinkedHashMap<>();
    for (Ipv4Cidr p : prefixes) {
      List<PathAttribute> attrs = attributes(rib.best(p), n, setup);
      List<PathAttribute> old = n.advertised.get(p);
      if (Objects.equals(attrs, old)) {
        continue;
      }
      if (attrs == null) {
        n.advertised.remove(p);
        withdraw.add(p);
      } else {
        n.advertised.put(p, attrs);
        announce.computeIfAbsent(attrs, a -> new ArrayList<>()).add(p);
      }
    }
    List<BgpUpdate> out = new ArrayList<>();
    for (List<Ipv4Cidr> chunk : chunks(withdraw, UPDATE_OVERHEAD)) {
      out.add(BgpUpdate.withdraw(chunk));
    }
    announce.forEach((attrs, nlri) -> {
      int attrsLength = attrs.stream().mapToInt(PathAttribute::length).sum();
      for (List<Ipv4Cidr> chunk : chunks(nlri, UPDATE_OVERHEAD + attrsLength)) {
        out.add(new BgpUpdate(List.of(), attrs, chunk));
      }
    });
    n.send(out);
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

  /** The attributes {@code best} goes to {@code n} with; null when it is not exported to it. */
  List<PathAttribute> attributes(BgpPath best, BgpNeighbor n, BgpSpeaker.Setup setup) {
    if (best == null || best.from().protocol().equals(n.spec.name())) {
      return null;
    }
    boolean toIbgp = n.spec.asn() == setup.asn();
    boolean reflect = false;
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
    List<PathAttribute> attrs = new ArrayList<>();
    attrs.add(new PathAttribute.Origin(best.origin()));
    AsPath path = toIbgp ? best.asPath() : best.asPath().prepend(setup.asn());
    attrs.add(new AsPath(path.segments(), n.fourOctetAs()));
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
    return attrs;
  }
}
