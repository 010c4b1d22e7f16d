package io.kubemu.nodes.proxy.nftables;

import io.kubemu.nodes.proxy.PacketContext;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.List;
import java.util.Locale;

/**
 * The statements kube-proxy's nftables mode writes, each with its {@code nft list ruleset}
 * spelling and what it does to a packet: a verdict map lookup, a conditional jump, numgen,
 * the affinity set update, dnat, mark, masquerade, reject, return.
 */
sealed interface Stmt {
  /** What a statement leaves: go on, go to or jump to a chain, or a final verdict. */
  record Next(String kind, String chain) {
    static final Next CONTINUE = new Next("continue", null);
    static final Next RETURN = new Next("return", null);
    static final Next REJECT = new Next("reject", null);
    static final Next DROP = new Next("drop", null);
    static final Next DNAT = new Next("dnat", null);
    static final Next MASQUERADE = new Next("masquerade", null);

    static Next jump(String chain) {
      return new Next("jump", chain);
    }

    static Next goTo(String chain) {
      return new Next("goto", chain);
    }
  }

  String render();

  Next apply(PacketContext p, NftTable.Walk walk);

  /** {@code ip daddr . meta l4proto . th dport vmap @MAP}. */
  record ServiceVmap(String map) implements Stmt {
    public String render() {
      return "ip daddr . meta l4proto . th dport vmap @" + map;
    }

    public Next apply(PacketContext p, NftTable.Walk walk) {
      return walk.table().lookup(map, p.destination() + " . " + p.proto() + " . " + p.destinationPort());
    }
  }

  /** {@code ip daddr @nodeport-ips meta l4proto . th dport vmap @MAP}: the node's own addresses only. */
  record NodePortVmap(String map) implements Stmt {
    public String render() {
      return "ip daddr @nodeport-ips meta l4proto . th dport vmap @" + map;
    }

    public Next apply(PacketContext p, NftTable.Walk walk) {
      return walk.table().inSet("nodeport-ips", p.destination())
          ? walk.table().lookup(map, p.proto() + " . " + p.destinationPort()) : Next.CONTINUE;
    }
  }

  /** {@code ip daddr @cluster-ips reject}: a cluster IP on a port no Service has. */
  record RejectClusterIps() implements Stmt {
    public String render() {
      return "ip daddr @cluster-ips reject comment \"Reject traffic to invalid ports of ClusterIPs\"";
    }

    public Next apply(PacketContext p, NftTable.Walk walk) {
      return walk.table().inSet("cluster-ips", p.destination()) ? Next.REJECT : Next.CONTINUE;
    }
  }

  /**
   * A jump or goto when every condition given holds: destination address and port, source address,
   * source outside a CIDR, or source in an affinity set.
   */
  record When(Ipv4Address daddr, String proto, int dport, Ipv4Address saddr, Ipv4Cidr from, boolean notFrom,
      boolean sourceLocal, String saddrInSet, boolean goTo, String chain) implements Stmt {
    static When always(boolean goTo, String chain) {
      return new When(null, null, -1, null, null, false, false, null, goTo, chain);
    }

    public String render() {
      StringBuilder b = new StringBuilder();
      if (daddr != null) {
        b.append("ip daddr ").append(daddr).append(' ');
      }
      if (dport >= 0) {
        b.append(proto).append(" dport ").append(dport).append(' ');
      }
      if (from != null) {
        b.append(notFrom ? "ip saddr != " : "ip saddr ").append(from).append(' ');
      }
      if (sourceLocal) {
        b.append("fib saddr type local ");
      }
      if (saddr != null) {
        b.append("ip saddr ").append(saddr).append(' ');
      }
      if (saddrInSet != null) {
        b.append("ip saddr @").append(saddrInSet).append(' ');
      }
      return b.append(goTo ? "goto " : "jump ").append(chain).toString();
    }

    public Next apply(PacketContext p, NftTable.Walk walk) {
      boolean match = (daddr == null || daddr.equals(p.destination()))
          && (dport < 0 || (dport == p.destinationPort() && proto.equals(p.proto())))
          && (from == null || from.contains(p.source()) != notFrom)
          && (!sourceLocal || p.sourceLocal())
          && (saddr == null || saddr.equals(p.source()))
          && (saddrInSet == null || walk.inAffinity(saddrInSet, p.source()));
      return !match ? Next.CONTINUE : goTo ? Next.goTo(chain) : Next.jump(chain);
    }
  }

  /** {@code numgen random mod N vmap { 0 : goto A, 1 : goto B }}. */
  record Numgen(List<String> chains) implements Stmt {
    public String render() {
      StringBuilder b = new StringBuilder("numgen random mod " + chains.size() + " vmap { ");
      for (int i = 0; i < chains.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(i).append(" : goto ").append(chains.get(i));
      }
      return b.append(" }").toString();
    }

    public Next apply(PacketContext p, NftTable.Walk walk) {
      return Next.goTo(chains.get(walk.random(chains.size())));
    }
  }

  /** {@code update @SET { ip saddr }}: the client sticks to this endpoint for the set's timeout. */
  record UpdateAffinity(String set) implements Stmt {
    public String render() {
      return "update @" + set + " { ip saddr }";
    }

    public Next apply(PacketContext p, NftTable.Walk walk) {
      walk.remember(set, p.source());
      return Next.CONTINUE;
    }
  }

  /** {@code meta l4proto tcp dnat to IP:PORT}. */
  record Dnat(String proto, Ipv4Address address, int port) implements Stmt {
    public String render() {
      return "meta l4proto " + proto + " dnat to " + address + ":" + port;
    }

    public Next apply(PacketContext p, NftTable.Walk walk) {
      walk.dnat(address, port);
      return Next.DNAT;
    }
  }

  /** The masquerading chain's three statements and mark-for-masquerade's one. */
  record Mark(String op) implements Stmt {
    public String render() {
      return switch (op) {
        case "or" -> "mark set mark or 0x4000";
        case "xor" -> "meta mark set meta mark xor 0x4000";
        default -> "meta mark & 0x00004000 == 0x00000000 return";
      };
    }

    public Next apply(PacketContext p, NftTable.Walk walk) {
      switch (op) {
        case "or" -> walk.mark(walk.mark() | 0x4000);
        case "xor" -> walk.mark(walk.mark() ^ 0x4000);
        default -> {
          return (walk.mark() & 0x4000) == 0 ? Next.RETURN : Next.CONTINUE;
        }
      }
      return Next.CONTINUE;
    }
  }

  record Masquerade() implements Stmt {
    public String render() {
      return "masquerade fully-random";
    }

    public Next apply(PacketContext p, NftTable.Walk walk) {
      return Next.MASQUERADE;
    }
  }

  record Reject() implements Stmt {
    public String render() {
      return "reject";
    }

    public Next apply(PacketContext p, NftTable.Walk walk) {
      return Next.REJECT;
    }
  }

  /** {@code [ct state new] jump CHAIN}: only first packets reach a proxier here, so every one is new. */
  record Jump(String chain, boolean ctNew) implements Stmt {
    public String render() {
      return (ctNew ? "ct state new " : "") + "jump " + chain;
    }

    public Next apply(PacketContext p, NftTable.Walk walk) {
      return Next.jump(chain);
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
