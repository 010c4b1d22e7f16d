package io.kubemu.protocols.bgp;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.wire.ByteWriter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One path attribute of an UPDATE (RFC 4271 4.3): flags, type code, length, value. Known attributes
 * carry the flags the RFC fixes for them; the Extended Length bit is set exactly when the value needs
 * two length octets. {@link PathAttributes} decodes and validates; here are the values.
 */
public sealed interface PathAttribute
    permits PathAttribute.Origin, AsPath, PathAttribute.NextHop, PathAttribute.MultiExitDisc,
        PathAttribute.LocalPref, PathAttribute.AtomicAggregate, PathAttribute.OriginatorId,
        PathAttribute.ClusterList, PathAttribute.Unknown {
  int OPTIONAL = 0x80;
  int TRANSITIVE = 0x40;
  int PARTIAL = 0x20;
  int EXTENDED_LENGTH = 0x10;
  /** The flags of a well-known attribute: transitive, neither optional nor partial. */
  int WELL_KNOWN = TRANSITIVE;

  int ORIGIN = 1;
  int AS_PATH = 2;
  int NEXT_HOP = 3;
  int MULTI_EXIT_DISC = 4;
  int LOCAL_PREF = 5;
  int ATOMIC_AGGREGATE = 6;
  int ORIGINATOR_ID = 9;
  int CLUSTER_LIST = 10;

  int typeCode();

  /** Optional, Transitive and Partial: the top three bits. */
  int flags();

  int valueLength();

  void encodeValue(ByteWriter w);

  default int length() {
    return (valueLength() > 255 ? 4 : 3) + valueLength();
  }

  default void encode(ByteWriter w) {
    boolean extended = valueLength() > 255;
    w.u8(flags() | (extended ? EXTENDED_LENGTH : 0)).u8(typeCode());
    if (extended) {
      w.u16(valueLength());
    } else {
      w.u8(valueLength());
    }
    encodeValue(w);
  }

  /** ORIGIN (well-known mandatory): how the route entered BGP, 0 IGP, 1 EGP, 2 INCOMPLETE. */
  record Origin(int value) implements PathAttribute {
    public static final Origin IGP = new Origin(0);
    public static final Origin EGP = new Origin(1);
    public static final Origin INCOMPLETE = new Origin(2);

    public Origin {
      if (value < 0 || value > 2) {
        throw new IllegalArgumentException("bad ORIGIN: " + value + " (expected: 0..2)");
      }
    }

    public int typeCode() { return ORIGIN; }

    public int flags() { return WELL_KNOWN; }

    public int valueLength() { return 1; }

    public void encodeValue(ByteWriter w) { w.u8(value); }
  }

  /** NEXT_HOP (well-known mandatory): where to send traffic for the NLRI. */
  record NextHop(Ipv4Address address) implements PathAttribute {
    public int typeCode() { return NEXT_HOP; }

    public int flags() { return WELL_KNOWN; }

    public int valueLength() { return 4; }

    public void encodeValue(ByteWriter w) { address.encode(w); }
  }

  /** MULTI_EXIT_DISC (optional non-transitive): lower is preferred between links to the same AS. */
  record MultiExitDisc(long value) implements PathAttribute {
    public MultiExitDisc {
      checkU32("MULTI_EXIT_DISC", value);
    }

    public int typeCode() { return MULTI_EXIT_DISC; }

    public int flags() { return OPTIONAL; }

    public int valueLength() { return 4; }

    public void encodeValue(ByteWriter w) { w.u32(value); }
  }

  /** LOCAL_PREF (well-known, sent only to internal peers): higher is preferred. */
  record LocalPref(long value) implements PathAttribute {
    public LocalPref {
      checkU32("LOCAL_PREF", value);
    }

    public int typeCode() { return LOCAL_PREF; }

    public int flags() { return WELL_KNOWN; }

    public int valueLength() { return 4; }

    public void encodeValue(ByteWriter w) { w.u32(value); }
  }

  /** ATOMIC_AGGREGATE (well-known discretionary, no value): an aggregate lost some path detail. */
  record AtomicAggregate() implements PathAttribute {
    public int typeCode() { return ATOMIC_AGGREGATE; }

    public int flags() { return WELL_KNOWN; }

    public int valueLength() { return 0; }

    public void encodeValue(ByteWriter w) {
      // no value
    }
  }

  /** ORIGINATOR_ID (RFC 4456, optional non-transitive): the router that first put the route into the AS. */
  record OriginatorId(Ipv4Address routerId) implements PathAttribute {
    public int typeCode() { return ORIGINATOR_ID; }

    public int flags() { return OPTIONAL; }

    public int valueLength() { return 4; }

    public void encodeValue(ByteWriter w) { routerId.encode(w); }
  }

  /** CLUSTER_LIST (RFC 4456, optional non-transitive): the reflection clusters the route passed, newest first. */
  record ClusterList(List<Ipv4Address> clusterIds) implements PathAttribute {
    public ClusterList {
      clusterIds = List.copyOf(clusterIds);
    }

    public int typeCode() { return CLUSTER_LIST; }

    public int flags() { return OPTIONAL; }

    public int valueLength() { return 4 * clusterIds.size(); }

    public void encodeValue(ByteWriter w) { clusterIds.forEach(id -> id.encode(w)); }
  }

  /**
   * An attribute this speaker does not know, kept with its flags. An optional transitive one is passed
   * on with the Partial bit set ({@link #forwarded}); a non-transitive one is not passed on (RFC 4271
   * 5). The value array is shared, not copied.
   */
  record Unknown(int flags, int typeCode, byte[] value) implements PathAttribute {
    public Unknown {
      if ((flags & ~(OPTIONAL | TRANSITIVE | PARTIAL)) != 0 || (flags & OPTIONAL) == 0
          || typeCode < 0 || typeCode > 255 || value == null || value.length > 0xFFFF) {
        throw new IllegalArgumentException("bad unknown attribute: flags 0x" + Integer.toHexString(flags)
            + " type " + typeCode + " (expected: optional, top three flag bits only, type 0..255, <= 65535 bytes)");
      }
    }

    public boolean transitive() {
      return (flags & TRANSITIVE) != 0;
    }

    /** As sent on to another peer: with Partial set, since this speaker did not understand it. */
    public Unknown forwarded() {
      if (!transitive()) {
        throw new IllegalStateException("attribute " + typeCode + " is non-transitive (expected: dropped, not forwarded)");
      }
      return new Unknown(flags | PARTIAL, typeCode, value);
    }

    public int valueLength() { return value.length; }

    public void encodeValue(ByteWriter w) { w.bytes(value); }

    @Override
    public boolean equals(Object o) {
      return o instanceof Unknown u && flags == u.flags && typeCode == u.typeCode && Arrays.equals(value, u.value);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * flags + typeCode) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Attribute " + typeCode + " flags 0x" + Integer.toHexString(flags) + " " + HexFormat.of().formatHex(value);
    }
  }

  private static void checkU32(String what, long value) {
    if (value < 0 || value > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("bad " + what + ": " + value + " (expected: 0..4294967295)");
    }
  }
}
