package io.kubemu.protocols.bgp;

import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import java.util.List;
import java.util.Optional;

/**
 * An UPDATE message (RFC 4271 4.3): routes withdrawn, path attributes, and the IPv4 prefixes (NLRI)
 * those attributes describe. An UPDATE with only withdrawals has no attributes; one with NLRI must
 * carry ORIGIN, AS_PATH and NEXT_HOP, which decoding checks (Missing Well-known Attribute).
 */
public record BgpUpdate(List<Ipv4Cidr> withdrawn, List<PathAttribute> attributes, List<Ipv4Cidr> nlri)
    implements BgpMessage {
  /** The two length fields of an empty UPDATE. */
  public static final int MIN_BODY = 4;
  private static final int[] MANDATORY = {PathAttribute.ORIGIN, PathAttribute.AS_PATH, PathAttribute.NEXT_HOP};

  public BgpUpdate {
    withdrawn = List.copyOf(withdrawn);
    attributes = List.copyOf(attributes);
    nlri = List.copyOf(nlri);
  }

  public static BgpUpdate withdraw(List<Ipv4Cidr> prefixes) {
    return new BgpUpdate(prefixes, List.of(), List.of());
  }

  /** The first attribute of a type, e.g. {@code attribute(AsPath.class)}. */
  public <T extends PathAttribute> Optional<T> attribute(Class<T> type) {
    for (PathAttribute a : attributes) { // a loop: this runs for every UPDATE a speaker takes in
      if (type.isInstance(a)) {
        return Optional.of(type.cast(a));
      }
    }
    return Optional.empty();
  }

  static BgpUpdate decodeBody(ByteReader body, boolean fourOctetAs) {
    int at = body.position();
    int withdrawnLength = body.u16("withdrawn routes length");
    if (withdrawnLength + 2 > body.remaining()) {
      throw BgpError.update(at, NotificationCodes.MALFORMED_ATTRIBUTE_LIST, new byte[0],
          "withdrawn routes length: " + withdrawnLength + " (expected: <= " + (body.remaining() - 2) + ")");
    }
    List<Ipv4Cidr> withdrawn = Prefixes.decode(body.slice(withdrawnLength, "withdrawn routes"), "withdrawn");
    int attributesAt = body.position();
    int attributesLength = body.u16("total path attribute length");
    if (attributesLength > body.remaining()) {
      throw BgpError.update(attributesAt, NotificationCodes.MALFORMED_ATTRIBUTE_LIST, new byte[0],
          "total path attribute length: " + attributesLength + " (expected: <= " + body.remaining() + ")");
    }
    List<PathAttribute> attributes = PathAttributes.decode(body.slice(attributesLength, "path attributes"), fourOctetAs);
    List<Ipv4Cidr> nlri = Prefixes.decode(body, "NLRI");
    if (!nlri.isEmpty()) {
      for (int type : MANDATORY) {
        if (!hasType(attributes, type)) {
          throw BgpError.update(attributesAt, NotificationCodes.MISSING_WELL_KNOWN_ATTRIBUTE, new byte[] {(byte) type},
              "missing well-known attribute " + type + " (expected: ORIGIN, AS_PATH and NEXT_HOP with NLRI)");
        }
      }
    }
    return new BgpUpdate(withdrawn, attributes, nlri);
  }

  @Override
  public int type() {
    return BgpMessage.UPDATE;
  }

  private static boolean hasType(List<PathAttribute> attributes, int type) {
    for (PathAttribute a : attributes) {
      if (a.typeCode() == type) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int bodyLength() {
    return MIN_BODY + Prefixes.length(withdrawn) + attributesLength(attributes) + Prefixes.length(nlri);
  }

  /** The encoded length of {@code attributes}, as the UPDATE's Total Path Attribute Length says it. */
  public static int attributesLength(List<PathAttribute> attributes) {
    int length = 0;
    for (PathAttribute a : attributes) { // a loop: a reflector encodes an UPDATE per client
      length += a.length();
    }
    return length;
  }

  @Override
  public void encodeBody(ByteWriter w) {
    w.u16(Prefixes.length(withdrawn));
    Prefixes.encode(w, withdrawn);
    w.u16(attributesLength(attributes));
    attributes.forEach(a -> a.encode(w));
    Prefixes.encode(w, nlri);
  }
}
