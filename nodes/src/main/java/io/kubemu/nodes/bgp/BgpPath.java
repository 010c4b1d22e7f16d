package io.kubemu.nodes.bgp;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.bgp.AsPath;
import io.kubemu.protocols.bgp.BgpUpdate;
import io.kubemu.protocols.bgp.PathAttribute;
import java.util.ArrayList;
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
    Ipv4Address nextHop = null;
    AsPath asPath = null;
    int origin = 0;
    long localPref = DEFAULT_LOCAL_PREF;
    long med = 0;
    Ipv4Address originator = null;
    List<Ipv4Address> clusters = List.of();
    for (PathAttribute a : update.attributes()) { // one pass: every UPDATE a node takes in comes here
      if (a instanceof PathAttribute.NextHop h) {
        nextHop = h.address();
      } else if (a instanceof AsPath p) {
        asPath = p;
      } else if (a instanceof PathAttribute.Origin o) {
        origin = o.value();
      } else if (a instanceof PathAttribute.LocalPref l && from.ibgp()) {
        localPref = l.value();
      } else if (a instanceof PathAttribute.MultiExitDisc m) {
        med = m.value();
      } else if (a instanceof PathAttribute.OriginatorId o) {
        originator = o.routerId();
      } else if (a instanceof PathAttribute.ClusterList c) {
        clusters = c.clusterIds();
      }
    }
    if (asPath == null) {
      asPath = AsPath.empty(true);
    }
    List<BgpPath> out = new ArrayList<>(update.nlri().size());
    for (Ipv4Cidr p : update.nlri()) {
      out.add(new BgpPath(p, nextHop, asPath, origin, localPref, med, originator, clusters, from));
    }
    return out;
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
  public static final Comparator<BgpPath> PREFERENCE = BgpPath::prefer;

  // Written out, not chained with Comparator.comparing: every UPDATE a node takes in runs it, and the
  // chain boxed each field it compared.
  private static int prefer(BgpPath a, BgpPath b) {
    int c = Boolean.compare(!a.from.local(), !b.from.local());
    if (c == 0) {
      c = Long.compare(b.localPref, a.localPref);
    }
    if (c == 0) {
      c = Integer.compare(a.asPath.pathLength(), b.asPath.pathLength());
    }
    if (c == 0) {
      c = Integer.compare(a.origin, b.origin);
    }
    if (c == 0) {
      c = Long.compare(a.med, b.med);
    }
    if (c == 0) {
      c = Boolean.compare(a.from.ibgp(), b.from.ibgp());
    }
    if (c == 0) {
      c = Long.compare(a.from.local() ? 0L : a.originRouter().unsigned(), b.from.local() ? 0L : b.originRouter().unsigned());
    }
    if (c == 0) {
      c = Integer.compare(a.clusterList.size(), b.clusterList.size());
    }
    if (c == 0) {
      c = Long.compare(a.from.address().unsigned(), b.from.address().unsigned());
    }
    return c;
  }
}
