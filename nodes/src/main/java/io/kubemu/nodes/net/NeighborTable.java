package io.kubemu.nodes.net;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The neighbour (ARP) table of one interface, as {@code ip neigh} shows it: resolved entries,
 * permanent entries programmed by a backend, and packets queued while a resolution is pending
 * (bounded per neighbour like Linux's unres_qlen). A resolution is retried each second and fails
 * after three requests; its queued packets are then dropped and counted by the caller.
 */
public final class NeighborTable {
  public static final int QUEUE_LIMIT = 100;
  public static final int MAX_PROBES = 3;

  private record Entry(MacAddress mac, boolean permanent) {}

  private static final class Pending {
    final ArrayDeque<Ipv4Packet> queue = new ArrayDeque<>();
    int probes = 1;
  }

  /** What to do after a packet was offered for a neighbour that is not resolved yet. */
  public enum Queued { SEND_REQUEST, WAITING, QUEUE_FULL }

  private final Map<Ipv4Address, Entry> entries = new HashMap<>();
  private final Map<Ipv4Address, Pending> pending = new HashMap<>();

  public MacAddress lookup(Ipv4Address ip) {
    Entry e = entries.get(ip);
    return e == null ? null : e.mac;
  }

  public void addPermanent(Ipv4Address ip, MacAddress mac) {
    entries.put(ip, new Entry(mac, true));
  }

  public void remove(Ipv4Address ip) {
    entries.remove(ip);
  }

  /** Records a mapping learnt from ARP and returns the packets that waited for it, in order. */
  public List<Ipv4Packet> learn(Ipv4Address ip, MacAddress mac) {
    Entry old = entries.get(ip);
    if (old == null || !old.permanent) {
      entries.put(ip, new Entry(mac, false));
    }
    Pending p = pending.remove(ip);
    return p == null ? List.of() : new ArrayList<>(p.queue);
  }

  public Queued enqueue(Ipv4Address ip, Ipv4Packet packet) {
    Pending p = pending.get(ip);
    if (p == null) {
      p = new Pending();
      p.queue.add(packet);
      pending.put(ip, p);
      return Queued.SEND_REQUEST;
    }
    if (p.queue.size() >= QUEUE_LIMIT) {
      return Queued.QUEUE_FULL;
    }
    p.queue.add(packet);
    return Queued.WAITING;
  }

  public boolean hasPending() {
    return !pending.isEmpty();
  }

  /**
   * Called once a second: returns the neighbours to probe again, and moves the queues of those
   * that ran out of probes into {@code failed}.
   */
  public List<Ipv4Address> tick(Map<Ipv4Address, List<Ipv4Packet>> failed) {
    List<Ipv4Address> probe = new ArrayList<>();
    Iterator<Map.Entry<Ipv4Address, Pending>> it = pending.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Ipv4Address, Pending> e = it.next();
      if (e.getValue().probes >= MAX_PROBES) {
        failed.put(e.getKey(), new ArrayList<>(e.getValue().queue));
        it.remove();
      } else {
        e.getValue().probes++;
        probe.add(e.getKey());
      }
    }
    return probe;
  }

  /** {@code ip neigh} style text. */
  public String show(String device) {
    StringBuilder sb = new StringBuilder();
    entries.forEach((ip, e) -> sb.append(ip).append(" dev ").append(device).append(" lladdr ").append(e.mac)
        .append(e.permanent ? " PERMANENT" : " REACHABLE").append('\n'));
    pending.keySet().forEach(ip -> sb.append(ip).append(" dev ").append(device).append(" INCOMPLETE\n"));
    return sb.toString();
  }
}
