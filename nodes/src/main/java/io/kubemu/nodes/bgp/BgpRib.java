package io.kubemu.nodes.bgp;

import io.kubemu.protocols.addr.Ipv4Cidr;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * A speaker's routes: every path each protocol gave it (the Adj-RIBs-In and the node's own
 * routes), and the best path per prefix (the Loc-RIB). Each change answers the prefixes whose best
 * path changed, for the exports and the kernel table to follow.
 */
final class BgpRib {
  /**
   * One prefix's paths, one per protocol, and the best of them. An array, not a map per prefix: a
   * prefix has a path from each session that sent it (one in a mesh, one per reflector), and at
   * 1,000 nodes a map per prefix was a million maps, most of what the nodes held.
   */
  private static final class Slot {
    BgpPath[] paths = new BgpPath[1];
    int count;
    BgpPath best;

    int indexOf(String protocol) {
      for (int i = 0; i < count; i++) {
        if (paths[i].from().protocol().equals(protocol)) {
          return i;
        }
      }
      return -1;
    }
  }

  /** A slot per prefix with at least one path. */
  private final Map<Ipv4Cidr, Slot> slots = new HashMap<>();
  /** Paths over all prefixes, kept as they come and go: the summary asks for it often. */
  private int pathCount;

  /** Adds or replaces the path to its prefix from its protocol; true when the best path changed. */
  boolean put(BgpPath path) {
    Slot slot = slots.get(path.prefix());
    if (slot == null) {
      slot = new Slot();
      slots.put(path.prefix(), slot);
    }
    int i = slot.indexOf(path.from().protocol());
    if (i >= 0) {
      slot.paths[i] = path;
    } else {
      if (slot.count == slot.paths.length) {
        slot.paths = Arrays.copyOf(slot.paths, slot.count + 2);
      }
      slot.paths[slot.count++] = path;
      pathCount++;
    }
    return select(slot);
  }

  /** Withdraws {@code protocol}'s path to {@code prefix}; true when the best path changed. */
  boolean remove(String protocol, Ipv4Cidr prefix) {
    Slot slot = slots.get(prefix);
    int i = slot == null ? -1 : slot.indexOf(protocol);
    if (i < 0) {
      return false;
    }
    System.arraycopy(slot.paths, i + 1, slot.paths, i, slot.count - i - 1);
    slot.paths[--slot.count] = null;
    pathCount--;
    if (slot.count == 0) {
      slots.remove(prefix);
      return true; // it had a best path, and has none now
    }
    return select(slot);
  }

  /** Withdraws every path of {@code protocol} (its session went down); answers the prefixes whose best changed. */
  Set<Ipv4Cidr> removeAll(String protocol) {
    Set<Ipv4Cidr> changed = new TreeSet<>();
    for (Ipv4Cidr prefix : List.copyOf(slots.keySet())) {
      if (remove(protocol, prefix)) {
        changed.add(prefix);
      }
    }
    return changed;
  }

  /** The prefixes {@code protocol} gave a path to. */
  List<Ipv4Cidr> prefixesOf(String protocol) {
    List<Ipv4Cidr> out = new ArrayList<>();
    slots.forEach((prefix, slot) -> {
      if (slot.indexOf(protocol) >= 0) {
        out.add(prefix);
      }
    });
    return out;
  }

  BgpPath best(Ipv4Cidr prefix) {
    Slot slot = slots.get(prefix);
    return slot == null ? null : slot.best;
  }

  /** Prefixes with a best path: the Loc-RIB's size. */
  int size() {
    return slots.size();
  }

  /** Each prefix with its best path, in no order. */
  void forEachBest(BiConsumer<Ipv4Cidr, BgpPath> action) {
    slots.forEach((prefix, slot) -> action.accept(prefix, slot.best));
  }

  /** The prefixes with a best path, in order. */
  SortedSet<Ipv4Cidr> prefixes() {
    return new TreeSet<>(slots.keySet());
  }

  /** Every path to {@code prefix}, best first. */
  List<BgpPath> paths(Ipv4Cidr prefix) {
    Slot slot = slots.get(prefix);
    if (slot == null) {
      return List.of();
    }
    List<BgpPath> out = new ArrayList<>(Arrays.asList(slot.paths).subList(0, slot.count));
    out.sort(BgpPath.PREFERENCE);
    return out;
  }

  int pathCount() {
    return pathCount;
  }

  private static boolean select(Slot slot) {
    BgpPath next = slot.paths[0];
    for (int i = 1; i < slot.count; i++) {
      if (BgpPath.PREFERENCE.compare(slot.paths[i], next) < 0) {
        next = slot.paths[i];
      }
    }
    BgpPath old = slot.best;
    slot.best = next;
    return old != next && !next.equals(old);
  }
}
