package io.kubemu.nodes.bgp;

import io.kubemu.protocols.bgp.BgpMessage;
import io.kubemu.protocols.bgp.BgpUpdate;
import io.kubemu.protocols.wire.ByteReader;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The UPDATEs the speakers of this JVM decoded, by their bytes, so that the same bytes arriving at
 * many speakers are decoded once. A route reflector sends one UPDATE per route, the same bytes to
 * every client, and a full mesh node its own route to every peer: at 1,000 nodes each distinct
 * UPDATE arrives about 1,000 times, and decoding each copy was most of what the receiving nodes
 * allocated, their paths' AS paths and cluster lists held a thousand times over. BIRD shares equal
 * attribute sets in one table the same way (its {@code rta} cache); here the sharing spans the
 * speakers of one JVM, which no speaker can see: decoding is a function of the bytes and the
 * session's 4-octet AS capability alone, and what it gives is immutable.
 *
 * <p>Only what decoded cleanly is kept: malformed bytes are decoded every time and fail as they
 * would without this (with their offsets and NOTIFICATION). One entry per slot, the slot chosen by
 * the bytes' hash, a newer UPDATE replacing an older one: bounded (16,384 entries of at most 512
 * bytes and what they decode to, some 10 MB when full), and without locks (an entry is immutable once
 * published).
 */
final class DecodedUpdates {
  /** Slots: well above the distinct UPDATEs of a 1,000-node cluster (about one per block). */
  static final int SLOTS = 1 << 14;
  /** Larger UPDATEs (a table's worth of prefixes in one) are rarely sent twice byte for byte. */
  static final int MAX_LENGTH = 512;

  private static final AtomicReferenceArray<Entry> SHARED = new AtomicReferenceArray<>(SLOTS);

  private record Entry(byte[] bytes, boolean fourOctetAs, BgpUpdate update) {}

  private DecodedUpdates() {}

  /**
   * {@code message} (one whole BGP message, header included) decoded as {@link BgpMessage#decode}
   * does, an UPDATE decoded before from the same bytes shared.
   */
  static BgpMessage decode(byte[] message, boolean fourOctetAs) {
    if (message.length > MAX_LENGTH || message.length <= BgpMessage.HEADER_LENGTH
        || (message[BgpMessage.HEADER_LENGTH - 1] & 0xFF) != BgpMessage.UPDATE) {
      return BgpMessage.decode(new ByteReader(message), fourOctetAs);
    }
    int slot = slot(message, fourOctetAs);
    Entry e = SHARED.getAcquire(slot);
    if (e != null && e.fourOctetAs == fourOctetAs && Arrays.equals(e.bytes, message)) {
      return e.update;
    }
    BgpMessage decoded = BgpMessage.decode(new ByteReader(message), fourOctetAs);
    if (decoded instanceof BgpUpdate u) {
      SHARED.setRelease(slot, new Entry(message.clone(), fourOctetAs, u));
    }
    return decoded;
  }

  static int slot(byte[] message, boolean fourOctetAs) {
    int h = Arrays.hashCode(message) ^ (fourOctetAs ? 0x9E3779B9 : 0);
    h ^= h >>> 16;
    return (h * 0x85EBCA6B >>> 16) & (SLOTS - 1);
  }
}
