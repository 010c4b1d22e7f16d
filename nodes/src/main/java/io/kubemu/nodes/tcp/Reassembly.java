package io.kubemu.nodes.tcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Segments that arrived ahead of RCV.NXT, kept until the gap fills (an out-of-order queue). At
 * most {@link #MAX_SEGMENTS} are held; more are dropped, and the sender retransmits them.
 */
final class Reassembly {
  static final int MAX_SEGMENTS = 256;

  /** Bytes of a segment and whether a FIN follows them. */
  record Piece(int seq, byte[] data, boolean fin) {
    int end() {
      return seq + data.length;
    }
  }

  private static final NavigableMap<Integer, Piece> NONE = Collections.emptyNavigableMap();
  /** A map only while pieces wait: most connections never hold one, and a node keeps thousands of them. */
  private NavigableMap<Integer, Piece> pieces = NONE;
  private final int maxBytes;
  private long bytes;

  /** {@code maxBytes}: the receive window, the most data held ahead of a gap. */
  Reassembly(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Keeps a piece that arrived ahead of a gap; false when the queue is full (pieces or bytes) and it was dropped. */
  boolean add(Piece piece) {
    Piece held = pieces.get(piece.seq());
    long after = bytes - (held == null ? 0 : held.data().length) + piece.data().length;
    if ((pieces.size() >= MAX_SEGMENTS && held == null) || after > maxBytes) {
      return false;
    }
    addInOrder(piece);
    return true;
  }

  /** Keeps a piece that starts at or before RCV.NXT, whatever the queue holds: it is taken at once. */
  void addInOrder(Piece piece) {
    if (pieces == NONE) {
      pieces = new TreeMap<>((a, b) -> Integer.signum(a - b));
    }
    Piece old = pieces.get(piece.seq());
    if (old == null || piece.data().length >= old.data().length) {
      bytes += piece.data().length - (old == null ? 0 : old.data().length);
      pieces.put(piece.seq(), piece);
    }
  }

  /**
   * Takes the pieces that now follow {@code rcvNxt} in order, trimmed of bytes already received;
   * pieces wholly behind it are discarded.
   */
  List<Piece> takeFrom(int rcvNxt) {
    List<Piece> ready = new ArrayList<>();
    int next = rcvNxt;
    while (!pieces.isEmpty() && Seq.le(pieces.firstKey(), next)) {
      Piece p = pieces.pollFirstEntry().getValue();
      bytes -= p.data().length;
      if (Seq.lt(p.end(), next) || (p.end() == next && !p.fin())) {
        continue;
      }
      int skip = next - p.seq();
      byte[] rest = skip == 0 ? p.data() : java.util.Arrays.copyOfRange(p.data(), skip, p.data().length);
      ready.add(new Piece(next, rest, p.fin()));
      next = p.end() + (p.fin() ? 1 : 0);
    }
    if (pieces.isEmpty()) {
      pieces = NONE;
    }
    return ready;
  }

  boolean isEmpty() {
    return pieces.isEmpty();
  }

  void clear() {
    pieces = NONE;
    bytes = 0;
  }
}
