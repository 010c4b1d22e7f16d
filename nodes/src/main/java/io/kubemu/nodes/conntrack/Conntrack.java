package io.kubemu.nodes.conntrack;

import static io.kubemu.protocols.tcp.TcpSegment.ACK;
import static io.kubemu.protocols.tcp.TcpSegment.FIN;
import static io.kubemu.protocols.tcp.TcpSegment.RST;
import static io.kubemu.protocols.tcp.TcpSegment.SYN;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.ipv4.IpProtocol;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A node's connection tracking table, as netfilter's nf_conntrack keeps it: each entry is found
 * by its original tuple and by its reply tuple, so a reply can be un-NATed; TCP entries follow
 * the flags they see through a simplified version of Linux's state table; entries expire after
 * their state's timeout; the table is bounded and counts what it could not insert.
 */
public final class Conntrack {
  /** A packet's entry and whether the packet goes the way the first one went. */
  public record Match(ConntrackEntry entry, boolean original) {}

  /** The longest an entry nobody answered lives (nf_conntrack_tcp_timeout_unacknowledged). */
  private static final java.time.Duration UNREPLIED = java.time.Duration.ofSeconds(300);

  private final ConntrackConfig config;
  private final LongSupplier nanos;
  private final Map<FlowTuple, ConntrackEntry> byTuple = new HashMap<>();
  private final Set<ConntrackEntry> entries = new LinkedHashSet<>();
  /** Per endpoint (reply source ip:port): active (ESTABLISHED) and inactive entries, as IPVS counts connections. */
  private final Map<String, int[]> byEndpoint = new HashMap<>();
  /** How many entries each address is a destination of, either way: a packet to any other address has no entry. */
  private final Map<Ipv4Address, Integer> destinations = new HashMap<>();
  private long insertFailed;
  private long expired;
  private long earlyDrops;
  private long lastSweep = Long.MIN_VALUE / 2;

  public Conntrack(ConntrackConfig config, LongSupplier nanos) {
    this.config = config;
    this.nanos = nanos;
  }

  /** The live entry a packet with this tuple belongs to, or null. */
  public Match lookup(FlowTuple t) {
    ConntrackEntry e = byTuple.get(t);
    if (e == null) {
      return null;
    }
    if (e.expiresAt - nanos.getAsLong() <= 0) {
      remove(e);
      expired++;
      return null;
    }
    return new Match(e, e.original().equals(t));
  }

  /**
   * A new entry whose replies carry {@code reply}; null when the table is full (counted, as the
   * kernel's "nf_conntrack: table full, dropping packet") or the reply tuple is taken.
   */
  public ConntrackEntry create(FlowTuple original, FlowTuple reply, int tcpFlags) {
    if (byTuple.containsKey(original) || byTuple.containsKey(reply)) {
      return null;
    }
    if (entries.size() >= config.max() && !makeRoom()) {
      insertFailed++;
      return null;
    }
    TrackState state = original.protocol() != IpProtocol.TCP ? TrackState.NONE
        : (tcpFlags & SYN) != 0 && (tcpFlags & ACK) == 0 ? TrackState.SYN_SENT : TrackState.ESTABLISHED;
    ConntrackEntry e = new ConntrackEntry(original, reply, state);
    byTuple.put(original, e);
    byTuple.put(reply, e);
    entries.add(e);
    track(e, 1);
    refresh(e);
    return e;
  }

  /**
   * A full table: expired entries go (at most one sweep a second), else the oldest entry that
   * never saw a reply is dropped early, as the kernel's early_drop does. False when all are assured.
   */
  private boolean makeRoom() {
    long now = nanos.getAsLong();
    if (now - lastSweep > 1_000_000_000L) {
      lastSweep = now;
      sweep();
    }
    if (entries.size() < config.max()) {
      return true;
    }
    for (ConntrackEntry e : entries) {
      if (!e.assured && !e.seenReply) {
        remove(e);
        earlyDrops++;
        return true;
      }
    }
    return false;
  }

  /** Entries dropped to make room for new flows (the kernel's early_drop counter). */
  public long earlyDrops() {
    return earlyDrops;
  }

  /** Whether a reply tuple is free, for source NAT choosing a port. */
  public boolean free(FlowTuple reply) {
    return !byTuple.containsKey(reply);
  }

  /** Forgets one entry (a SYN reopening a closed flow is decided afresh). */
  public void remove(Conntrack.Match m) {
    remove(m.entry());
  }

  /** A packet of a tracked connection passed: its state moves on and its timeout starts over. */
  public void seen(Match m, int tcpFlags) {
    ConntrackEntry e = m.entry();
    if (!m.original()) {
      e.seenReply = true;
    }
    if (e.original().protocol() == IpProtocol.TCP) {
      count(e, -1);
      e.state = next(e, m.original(), tcpFlags);
      count(e, 1);
      if (e.state == TrackState.ESTABLISHED) {
        e.assured = true;
      }
    } else if (e.seenReply && m.original()) {
      e.assured = true; // traffic both ways: a UDP stream
    }
    refresh(e);
  }

  private static TrackState next(ConntrackEntry e, boolean original, int flags) {
    if ((flags & RST) != 0) {
      return TrackState.CLOSE;
    }
    TrackState s = e.state;
    if ((flags & SYN) != 0) {
      return !original && (flags & ACK) != 0 && s == TrackState.SYN_SENT ? TrackState.SYN_RECV
          : s == TrackState.CLOSE || s == TrackState.TIME_WAIT ? TrackState.SYN_SENT : s;
    }
    if ((flags & FIN) != 0) {
      if (s == TrackState.ESTABLISHED || s == TrackState.SYN_RECV) {
        e.finFromOriginal = original;
        return TrackState.FIN_WAIT;
      }
      if ((s == TrackState.FIN_WAIT || s == TrackState.CLOSE_WAIT) && original != e.finFromOriginal) {
        return TrackState.LAST_ACK;
      }
      return s;
    }
    if ((flags & ACK) != 0) {
      if (s == TrackState.SYN_RECV && original) {
        return TrackState.ESTABLISHED;
      }
      if (s == TrackState.FIN_WAIT && original != e.finFromOriginal) {
        return TrackState.CLOSE_WAIT;
      }
      if (s == TrackState.LAST_ACK && original == e.finFromOriginal) {
        return TrackState.TIME_WAIT;
      }
    }
    return s;
  }

  private void refresh(ConntrackEntry e) {
    java.time.Duration timeout = config.timeout(e.state, e.assured, e.original().protocol());
    if (!e.seenReply && timeout.compareTo(UNREPLIED) > 0) {
      timeout = UNREPLIED; // nobody ever answered: Linux's tcp_timeout_unacknowledged
    }
    e.expiresAt = nanos.getAsLong() + timeout.toNanos();
  }

  /** Drops expired entries; the owner calls it now and then (the kernel's garbage collector). */
  public void sweep() {
    long now = nanos.getAsLong();
    for (Iterator<ConntrackEntry> it = entries.iterator(); it.hasNext(); ) {
      ConntrackEntry e = it.next();
      if (e.expiresAt - now <= 0) {
        it.remove();
        byTuple.remove(e.original(), e);
        byTuple.remove(e.reply(), e);
        track(e, -1);
        expired++;
      }
    }
  }

  private void remove(ConntrackEntry e) {
    if (entries.remove(e)) {
      byTuple.remove(e.original(), e);
      byTuple.remove(e.reply(), e);
      track(e, -1);
    }
  }

  /** An entry comes (+1) or goes (-1): its destinations and its endpoint's counts follow. */
  private void track(ConntrackEntry e, int delta) {
    destinations.merge(e.original().destination(), delta, (a, b) -> a + b == 0 ? null : a + b);
    destinations.merge(e.reply().destination(), delta, (a, b) -> a + b == 0 ? null : a + b);
    count(e, delta);
  }

  private void count(ConntrackEntry e, int delta) {
    String key = e.reply().source() + ":" + e.reply().sourcePort();
    int[] c = byEndpoint.computeIfAbsent(key, k -> new int[2]);
    c[e.state() == TrackState.ESTABLISHED ? 0 : 1] += delta;
    if (c[0] == 0 && c[1] == 0) {
      byEndpoint.remove(key);
    }
  }

  /** Whether some entry has {@code ip} as a destination, either way: if not, no packet to it belongs to a tracked flow. */
  public boolean tracksTrafficTo(Ipv4Address ip) {
    return destinations.containsKey(ip);
  }

  /** The entries whose replies come from {@code ip:port}: {active, inactive}, as ipvsadm's ActiveConn and InActConn. */
  public int[] connectionsTo(Ipv4Address ip, int port) {
    int[] c = byEndpoint.get(ip + ":" + port);
    return c == null ? new int[2] : c.clone();
  }

  /** Forgets the entries {@code which} picks ({@code conntrack -D}, as kube-proxy does for stale UDP flows). */
  public int delete(java.util.function.Predicate<ConntrackEntry> which) {
    List<ConntrackEntry> gone = entries.stream().filter(which).toList();
    gone.forEach(this::remove);
    return gone.size();
  }

  public int size() {
    return entries.size();
  }

  /** The insert_failed counter: new flows dropped because the table was full. */
  public long insertFailed() {
    return insertFailed;
  }

  public long expired() {
    return expired;
  }

  /** The table as {@code conntrack -L} prints it. */
  public String show() {
    long now = nanos.getAsLong();
    StringBuilder b = new StringBuilder();
    for (ConntrackEntry e : entries) {
      long seconds = Math.max(0, (e.expiresAt - now) / 1_000_000_000L);
      String proto = IpProtocol.name(e.original().protocol());
      b.append(String.format("%-8s %-2d %d ", proto, e.original().protocol(), seconds));
      if (e.state() != TrackState.NONE) {
        b.append(e.state()).append(' ');
      }
      b.append(e.original().show());
      if (!e.seenReply) {
        b.append(" [UNREPLIED]");
      }
      b.append(' ').append(e.reply().show());
      if (e.assured) {
        b.append(" [ASSURED]");
      }
      b.append(" mark=0 use=1\n");
    }
    b.append("conntrack v1.4.7 (conntrack-tools): ").append(entries.size()).append(" flow entries have been shown.\n");
    return b.toString();
  }
}
