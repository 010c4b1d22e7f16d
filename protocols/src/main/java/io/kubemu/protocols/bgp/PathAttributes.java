package io.kubemu.protocols.bgp;

import static io.kubemu.protocols.bgp.NotificationCodes.ATTRIBUTE_FLAGS_ERROR;
import static io.kubemu.protocols.bgp.NotificationCodes.ATTRIBUTE_LENGTH_ERROR;
import static io.kubemu.protocols.bgp.NotificationCodes.INVALID_NEXT_HOP;
import static io.kubemu.protocols.bgp.NotificationCodes.INVALID_ORIGIN;
import static io.kubemu.protocols.bgp.NotificationCodes.MALFORMED_ATTRIBUTE_LIST;
import static io.kubemu.protocols.bgp.NotificationCodes.OPTIONAL_ATTRIBUTE_ERROR;
import static io.kubemu.protocols.bgp.NotificationCodes.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.wire.ByteReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the path attributes of an UPDATE with the checks of RFC 4271 6.3: the list must parse and
 * name each type once (Malformed Attribute List); a known attribute must carry its flags (Attribute
 * Flags Error) and its length (Attribute Length Error); then its value is checked. Errors about one
 * attribute carry that whole attribute (flags, type, length, value) as data, as 6.3 asks.
 */
final class PathAttributes {
  private static final int FLAG_BITS = PathAttribute.OPTIONAL | PathAttribute.TRANSITIVE | PathAttribute.PARTIAL;

  private PathAttributes() {}

  /** Reads attributes until the reader's limit, which is the Total Path Attribute Length. */
  static List<PathAttribute> decode(ByteReader r, boolean fourOctetAs) {
    List<PathAttribute> attributes = new ArrayList<>();
    long[] seen = new long[4]; // a bit per type: this runs for every UPDATE received
    while (r.hasRemaining()) {
      int start = r.position();
      if (r.remaining() < 3) {
        throw listError(start, "truncated path attribute: " + r.remaining() + " bytes (expected: at least 3)");
      }
      int flags = r.u8("attribute flags");
      int type = r.u8("attribute type");
      boolean extended = (flags & PathAttribute.EXTENDED_LENGTH) != 0;
      if (extended && r.remaining() < 2) {
        throw listError(start, "truncated extended attribute length: 1 byte (expected: 2)");
      }
      int length = extended ? r.u16("attribute length") : r.u8("attribute length");
      if (length > r.remaining()) {
        throw listError(start, "attribute " + type + " length beyond the attribute list: " + length
            + " (expected: <= " + r.remaining() + ")");
      }
      if ((seen[type >>> 6] & 1L << type) != 0) {
        throw listError(start, "attribute " + type + " appears twice (expected: once)");
      }
      seen[type >>> 6] |= 1L << type;
      attributes.add(decodeOne(new Attribute(start, flags & FLAG_BITS, type, r.array(), r.position() + length),
          r.slice(length, "attribute value"), length, fourOctetAs));
    }
    return attributes;
  }

  /**
   * What an error about one attribute needs: where it starts, its flags and type, and where its bytes
   * end in {@code message}, copied out as the error's data only when there is an error.
   */
  private record Attribute(int at, int flags, int type, byte[] message, int end) {
    BgpError error(int subcode, String problem) {
      return BgpError.update(at, subcode, Arrays.copyOfRange(message, at, end), "attribute " + type + ": " + problem);
    }

    void expectFlags(int expected) {
      if (flags != expected) {
        throw error(ATTRIBUTE_FLAGS_ERROR, "flags 0x" + Integer.toHexString(flags)
            + " (expected: 0x" + Integer.toHexString(expected) + ")");
      }
    }

    void expectLength(int length, int expected) {
      if (length != expected) {
        throw error(ATTRIBUTE_LENGTH_ERROR, "length " + length + " (expected: " + expected + ")");
      }
    }
  }

  private static PathAttribute decodeOne(Attribute a, ByteReader value, int length, boolean fourOctetAs) {
    switch (a.type()) {
      case PathAttribute.ORIGIN:
        a.expectFlags(PathAttribute.WELL_KNOWN);
        a.expectLength(length, 1);
        int origin = value.u8("ORIGIN");
        if (origin > 2) {
          throw a.error(INVALID_ORIGIN, "ORIGIN " + origin + " (expected: 0 IGP, 1 EGP, 2 INCOMPLETE)");
        }
        return new PathAttribute.Origin(origin);
      case PathAttribute.AS_PATH:
        a.expectFlags(PathAttribute.WELL_KNOWN);
        return AsPath.decode(value, fourOctetAs);
      case PathAttribute.NEXT_HOP:
        a.expectFlags(PathAttribute.WELL_KNOWN);
        a.expectLength(length, 4);
        Ipv4Address nextHop = Ipv4Address.decode(value);
        if (!isUnicast(nextHop)) {
          throw a.error(INVALID_NEXT_HOP, "NEXT_HOP " + nextHop + " (expected: a unicast address)");
        }
        return new PathAttribute.NextHop(nextHop);
      case PathAttribute.MULTI_EXIT_DISC:
        a.expectFlags(PathAttribute.OPTIONAL);
        a.expectLength(length, 4);
        return new PathAttribute.MultiExitDisc(value.u32("MULTI_EXIT_DISC"));
      case PathAttribute.LOCAL_PREF:
        a.expectFlags(PathAttribute.WELL_KNOWN);
        a.expectLength(length, 4);
        return new PathAttribute.LocalPref(value.u32("LOCAL_PREF"));
      case PathAttribute.ATOMIC_AGGREGATE:
        a.expectFlags(PathAttribute.WELL_KNOWN);
        a.expectLength(length, 0);
        return new PathAttribute.AtomicAggregate();
      case PathAttribute.ORIGINATOR_ID:
        a.expectFlags(PathAttribute.OPTIONAL);
        a.expectLength(length, 4);
        Ipv4Address originator = Ipv4Address.decode(value);
        if (originator.bits() == 0) {
          throw a.error(OPTIONAL_ATTRIBUTE_ERROR, "ORIGINATOR_ID 0.0.0.0 (expected: a BGP identifier, non-zero)");
        }
        return new PathAttribute.OriginatorId(originator);
      case PathAttribute.CLUSTER_LIST:
        a.expectFlags(PathAttribute.OPTIONAL);
        if (length % 4 != 0) {
          throw a.error(ATTRIBUTE_LENGTH_ERROR, "length " + length + " (expected: a multiple of 4)");
        }
        if (length == 0) {
          throw a.error(OPTIONAL_ATTRIBUTE_ERROR, "empty CLUSTER_LIST (expected: at least one cluster ID)");
        }
        List<Ipv4Address> ids = new ArrayList<>();
        while (value.hasRemaining()) {
          ids.add(Ipv4Address.decode(value));
        }
        return new PathAttribute.ClusterList(ids);
      default:
        if ((a.flags() & PathAttribute.OPTIONAL) == 0) {
          throw a.error(UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, "unknown well-known type (expected: the Optional bit)");
        }
        return new PathAttribute.Unknown(a.flags(), a.type(), value.rest());
    }
  }

  /** Neither 0.0.0.0 nor multicast (224/4) nor reserved or broadcast (240/4): RFC 4271 6.3's syntax check. */
  static boolean isUnicast(Ipv4Address address) {
    int firstOctet = address.bits() >>> 24;
    return address.bits() != 0 && firstOctet < 224;
  }

  private static BgpError listError(int at, String problem) {
    return BgpError.update(at, MALFORMED_ATTRIBUTE_LIST, new byte[0], problem);
  }
}
