package io.kubemu.nodes.bgp;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.bgp.AsPath;
import io.kubemu.protocols.bgp.BgpUpdate;
import io.kubemu.protocols.bgp.PathAttribute;
import java.util.Comparator;
import java.util.List;

/**
 * One path to a prefix in a speaker's tables: the attributes the decision process and the exports
 * use, and the protocol it came from ({@code static} for what the node originates itself).
 */
public record BgpPath(Ipv4Cidr prefix, Ipv4Address nextHop, AsPath asPath, int origin, long localPref, long med,
    Ipv4Address originatorId, List<Ipv4Address> clusterList, Source from) {
  /** LOCAL_PREF when the path did not carry one (BIRD's and RFC 4271's default). */
  public static final long DEFAULT_LOCAL_PREF = 100;

  /** Where a path came from: a neighbour's protocol, or the node itself. */
  public record Source(String protocol, Ipv4Address routerId, Ipv4Address address, boolean ibgp, boolean rrClient,
      long sinceMillis) {
    public boolean local() {
      return routerId == null;
    }
  }

  public BgpPath {
    clusterList = List.copyOf(clusterList);
  }

  /** A path the node originates (a block it owns, a Service range): next hop itself, empty AS path, ORIGIN IGP. */
  public static BgpPath local(Ipv4Cidr prefix, Ipv4Address self, long sinceMillis) {
    return new BgpPath(prefix, self, AsPath.empty(true), 0, DEFAULT_LOCAL_PREF, 0, null, List.of(),
        new Source("static", null, self, false, false, sinceMillis));
  }

  /** The paths one UPDATE announces, as received from {@code from}. */
  public static List<BgpPath> of(BgpUpdate update, Source from) {
    Ipv4Address nextHop = update.attribute(PathAttribute.NextHop.class).map(PathAttribute.NextHop::address).orElse(null);
    AsPath asPath = update.attribute(AsPath.class).orElse(AsPath.empty(true));
    int origin = update.attribute(PathAttribute.Origin.class).map(PathAttribute.Origin::value).orElse(0);
    long localPref = from.ibgp()
        ? update.attribute(PathAttribute.LocalPref.class).map(PathAttribute.LocalPref::value).orElse(DEFAULT_LOCAL_PREF)
        : DEFAULT_LOCAL_PREF;
    long med = update.attribute(PathAttribute.MultiExitDisc.class).map(PathAttribute.MultiExitDisc::value).orElse(0L);
    Ipv4Address originator = update.attribute(PathAttribute.OriginatorId.class).map(PathAttribute.OriginatorId::routerId)
        .orElse(null);
    List<Ipv4Address> clusters = update.attribute(PathAttribute.ClusterList.class).map(PathAttribute.ClusterList::clusterIds)
        .orElse(List.of());
    return update.nlri().stream()
        .map(p -> new BgpPath(p, nextHop, asPath, origin, localPref, med, originator, clusters, from)).toList();
  }

  /** The router that put the path into the AS: its ORIGINATOR_ID when reflected, else the neighbour's ID. */
  Ipv4Address originRouter() {
    return originatorId != null ? originatorId : from.routerId();
  }

  /**
   * RFC 4271 9.1.2.2 with RFC 4456 9, best first: the node's own paths, then highest LOCAL_PREF,
   * shortest AS_PATH, lowest ORIGIN, lowest MED (from the same neighbouring AS), eBGP over iBGP, lowest
   * originating router ID, shortest CLUSTER_LIST, lowest neighbour address.
   */
  public static final Comparator<BgpPath> PREFERENCE = Comparator
      .comparing((BgpPath p) -> !p.from().local())
      .thenComparing(BgpPath::localPref, Comparator.reverseOrder())
      .thenComparingInt(p -> p.asPath().pathLength())
      .thenComparingInt(BgpPath::origin)
      .thenComparingLong(BgpPath::med)
      .thenComparing(p -> p.from().ibgp())
      .thenComparing(p -> p.from().local() ? 0L : p.originRouter().unsigned())
      .thenComparingInt(p -> p.clusterList().size())
      .thenComparing(p -> p.from().address().unsigned());
}
