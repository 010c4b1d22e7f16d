package io.kubemu.nodes.proxy.iptables;

import io.kubemu.nodes.proxy.PacketContext;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.Locale;

/**
 * One iptables rule with the matches kube-proxy uses, built fluently and then left alone. It
 * renders itself as {@code iptables-save} prints it (matches in kube-proxy's order) and matches
 * a packet the way the kernel's modules do: source/destination CIDRs, protocol, port, comment,
 * addrtype, mark, statistic (random) and recent.
 */
final class Rule {
  /** kube-proxy's masquerade mark. */
  static final int MASQ_MARK = 0x4000;

  final String chain;
  private Ipv4Cidr source;
  private boolean notSource;
  private Ipv4Cidr destination;
  private String proto;
  private String comment;
  private String addrType;
  private String recentName;
  private boolean recentSet;
  private int recentSeconds;
  private int port = -1;
  private boolean protoModule;
  private long probability = -1;
  private boolean notMarked;
  private boolean marked;
  private boolean ctNew;
  Target target;

  Rule(String chain) {
    this.chain = chain;
  }

  Rule source(Ipv4Cidr cidr, boolean not) {
    this.source = cidr;
    this.notSource = not;
    return this;
  }

  Rule destination(Ipv4Address ip) {
    this.destination = new Ipv4Cidr(ip, 32);
    return this;
  }

  Rule proto(String proto) {
    this.proto = proto;
    return this;
  }

  Rule comment(String comment) {
    this.comment = comment;
    return this;
  }

  /** {@code -m addrtype --dst-type LOCAL} or {@code --src-type LOCAL}. */
  Rule localDestination() {
    this.addrType = "--dst-type LOCAL";
    return this;
  }

  Rule localSource() {
    this.addrType = "--src-type LOCAL";
    return this;
  }

  /** {@code -m recent --rcheck --seconds N --reap}: the source was seen within N seconds. */
  Rule recentCheck(String name, int seconds) {
    this.recentName = name;
    this.recentSeconds = seconds;
    return this;
  }

  /** {@code -m recent --set}: remember the source. */
  Rule recentSet(String name) {
    this.recentName = name;
    this.recentSet = true;
    return this;
  }

  /** {@code -m tcp [--dport N]}: N < 0 for the module alone. */
  Rule port(int port) {
    this.protoModule = true;
    this.port = port;
    return this;
  }

  /** {@code -m statistic --mode random --probability P}, stored as the kernel stores it (a 31-bit fraction). */
  Rule probability(int endpointsLeft) {
    double written = Double.parseDouble(String.format(Locale.ROOT, "%.10f", 1.0 / endpointsLeft));
    this.probability = (long) (written * 0x80000000L + 0.5);
    return this;
  }

  Rule notMarked() {
    this.notMarked = true;
    return this;
  }

  Rule marked() {
    this.marked = true;
    return this;
  }

  Rule ctStateNew() {
    this.ctNew = true;
    return this;
  }

  Rule then(Target target) {
    this.target = target;
    return this;
  }

  Rule jump(String chain) {
    return then(new Target.Jump(chain));
  }

  String render() {
    StringBuilder b = new StringBuilder("-A ").append(chain);
    if (source != null) {
      b.append(notSource ? " ! -s " : " -s ").append(source);
    }
    if (destination != null) {
      b.append(" -d ").append(destination);
    }
    if (proto != null) {
      b.append(" -p ").append(proto);
    }
    if (comment != null) {
      b.append(" -m comment --comment ").append(comment.contains(" ") ? "\"" + comment + "\"" : comment);
    }
    if (ctNew) {
      b.append(" -m conntrack --ctstate NEW");
    }
    if (addrType != null) {
      b.append(" -m addrtype ").append(addrType);
    }
    if (recentName != null) {
      b.append(recentSet ? " -m recent --set --name " + recentName + " --mask 255.255.255.255 --rsource"
          : " -m recent --name " + recentName + " --mask 255.255.255.255 --rsource --rcheck --seconds " + recentSeconds + " --reap");
    }
    if (protoModule) {
      b.append(" -m ").append(proto).append(port >= 0 ? " --dport " + port : "");
    }
    if (probability >= 0) {
      b.append(String.format(Locale.ROOT, " -m statistic --mode random --probability %.11f", probability / (double) 0x80000000L));
    }
    if (notMarked) {
      b.append(" -m mark ! --mark 0x4000/0x4000");
    }
    if (marked) {
      b.append(" -m mark --mark 0x4000/0x4000");
    }
    return b.append(' ').append(target.render()).toString();
  }

  /** Whether the packet matches; {@code walk} supplies the random draw and the recent lists, and the mark so far. */
  boolean matches(PacketContext p, int mark, Ruleset.Walk walk) {
    if (source != null && source.contains(p.source()) == notSource) {
      return false;
    }
    if (destination != null && !destination.contains(p.destination())) {
      return false;
    }
    if (proto != null && !proto.equals(p.proto())) {
      return false;
    }
    if (port >= 0 && port != p.destinationPort()) {
      return false;
    }
    if (addrType != null && !(addrType.startsWith("--dst") ? p.destinationLocal() : p.sourceLocal())) {
      return false;
    }
    if (notMarked && (mark & MASQ_MARK) != 0 || marked && (mark & MASQ_MARK) == 0) {
      return false;
    }
    if (recentName != null && !recentSet && !walk.recentlySeen(recentName, p.source(), recentSeconds)) {
      return false;
    }
    if (probability >= 0 && walk.draw() >= probability) {
      return false;
    }
    if (recentSet) {
      walk.remember(recentName, p.source());
    }
    return true;
  }
}
