package io.kubemu.nodes.tcp;

import java.util.ArrayList;
import java.util.List;
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

  private final TreeMap<Integer, Piece> pieces = new TreeMap<>((a, b) -> Integer.signum(a - b));

  /** Keeps a piece that arrived ahead of a gap; false when the queue is full and it was dropped. */
  boolean add(Piece piece) {
    if (pieces.size() >= MAX_SEGMENTS && !pieces.containsKey(piece.seq())) {
      return false;
    }
    addInOrder(piece);
    return true;
  }

  /** Keeps a piece that starts at or before RCV.NXT, whatever the queue holds: it is taken at once. */
  void addInOrder(Piece piece) {
    pieces.merge(piece.seq(), piece, (old, now) -> now.data().length >= old.data().length ? now : old);
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
      if (Seq.lt(p.end(), next) || (p.end() == next && !p.fin())) {
        continue;
      }
      int skip = next - p.seq();
      byte[] rest = skip == 0 ? p.data() : java.util.Arrays.copyOfRange(p.data(), skip, p.data().length);
      ready.add(new Piece(next, rest, p.fin()));
      next = p.end() + (p.fin() ? 1 : 0);
    }
    return ready;
  }

  boolean isEmpty() {
    return pieces.isEmpty();
  }

  void clear() {
    pieces.clear();
  }
}
