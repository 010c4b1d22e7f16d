package io.kubemu.protocols.bgp;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An OPEN message (RFC 4271 4.2). Capabilities travel in optional parameters of type 2 (RFC 5492);
 * speakers differ in how they group them (BIRD puts all in one parameter, Cisco one per parameter),
 * so the grouping is kept and the message encodes back byte for byte. Decoding applies the checks
 * of section 6.2 that need no configuration; {@link #checkPeerAs} is the one that does.
 */
public record BgpOpen(int version, int myAs, int holdTime, Ipv4Address bgpIdentifier, List<List<Capability>> parameters)
    implements BgpMessage {
  public static final int VERSION = 4;
  /** The 2-octet stand-in for a 4-octet AS number (RFC 6793 9). */
  public static final int AS_TRANS = 23456;
  public static final int MIN_BODY = 10;
  private static final int CAPABILITIES_PARAMETER = 2;

  public BgpOpen {
    if (version < 0 || version > 255 || myAs < 0 || myAs > 0xFFFF || holdTime < 0 || holdTime > 0xFFFF) {
      throw new IllegalArgumentException("bad OPEN version/AS/hold time: " + version + "/" + myAs + "/" + holdTime
          + " (expected: 0..255 / 0..65535 / 0..65535)");
    }
    parameters = parameters.stream().map(List::copyOf).toList();
    int length = parameters.stream().mapToInt(BgpOpen::parameterLength).sum();
    if (length > 255 || parameters.stream().anyMatch(p -> parameterLength(p) - 2 > 255)) {
      throw new IllegalArgumentException("OPEN optional parameters too long: " + length + " (expected: <= 255)");
    }
  }

  /** An OPEN for {@code asn}, with AS_TRANS in the 2-octet field when the AS needs 4 octets; all capabilities in one parameter. */
  public static BgpOpen of(long asn, int holdTime, Ipv4Address bgpIdentifier, List<Capability> capabilities) {
    int myAs = asn > 0xFFFF ? AS_TRANS : (int) asn;
    return new BgpOpen(VERSION, myAs, holdTime, bgpIdentifier, capabilities.isEmpty() ? List.of() : List.of(capabilities));
  }

  private static int parameterLength(List<Capability> capabilities) {
    return 2 + capabilities.stream().mapToInt(Capability::length).sum();
  }

  public List<Capability> capabilities() {
    return parameters.stream().flatMap(List::stream).toList();
  }

  public Optional<Capability.FourOctetAs> fourOctetAs() {
    return capabilities().stream().filter(c -> c instanceof Capability.FourOctetAs)
        .map(c -> (Capability.FourOctetAs) c).findFirst();
  }

  /** The speaker's AS: the 4-octet capability's when present, else the 2-octet field (RFC 6793 4.1). */
  public long asn() {
    return fourOctetAs().map(Capability.FourOctetAs::asn).orElse((long) myAs);
  }

  /** Bad Peer AS (2/2, the 2-octet field as data) unless the peer is the AS it was configured with. */
  public void checkPeerAs(long expectedAsn) {
    if (asn() != expectedAsn) {
      throw BgpError.open(BgpMessage.HEADER_LENGTH + 1, NotificationCodes.BAD_PEER_AS, BgpHeader.u16(myAs),
          "unexpected peer AS: " + asn() + " (expected: " + expectedAsn + ")");
    }
  }

  static BgpOpen decodeBody(ByteReader body) {
    int at = body.position();
    int version = body.u8("OPEN version");
    if (version != VERSION) {
      throw BgpError.open(at, NotificationCodes.UNSUPPORTED_VERSION, BgpHeader.u16(VERSION),
          "unsupported BGP version: " + version + " (expected: 4)");
    }
    int myAs = body.u16("OPEN my AS");
    if (myAs == 0) {
      throw BgpError.open(at + 1, NotificationCodes.BAD_PEER_AS, BgpHeader.u16(0), "AS 0 (expected: 1..65535, RFC 7607)");
    }
    int holdTime = body.u16("OPEN hold time");
    if (holdTime == 1 || holdTime == 2) {
      throw BgpError.open(at + 3, NotificationCodes.UNACCEPTABLE_HOLD_TIME, new byte[0],
          "unacceptable hold time: " + holdTime + " (expected: 0 or >= 3)");
    }
    Ipv4Address id = Ipv4Address.decode(body);
    if (id.bits() == 0) {
      throw BgpError.open(at + 5, NotificationCodes.BAD_BGP_IDENTIFIER, new byte[0],
          "BGP identifier 0.0.0.0 (expected: non-zero, RFC 6286)");
    }
    int paramsLength = body.u8("OPEN optional parameters length");
    if (paramsLength != body.remaining()) {
      throw BgpError.open(at + 9, NotificationCodes.UNSPECIFIC, new byte[0],
          "OPEN optional parameters length: " + paramsLength + " (expected: the " + body.remaining() + " bytes left)");
    }
    return new BgpOpen(version, myAs, holdTime, id, decodeParameters(body));
  }

  private static List<List<Capability>> decodeParameters(ByteReader r) {
    List<List<Capability>> parameters = new ArrayList<>();
    while (r.hasRemaining()) {
      int at = r.position();
      if (r.remaining() < 2) {
        throw BgpError.open(at, NotificationCodes.UNSPECIFIC, new byte[0], "truncated optional parameter: 1 byte (expected: 2)");
      }
      int type = r.u8("optional parameter type");
      int length = r.u8("optional parameter length");
      if (type != CAPABILITIES_PARAMETER) {
        throw BgpError.open(at, NotificationCodes.UNSUPPORTED_OPTIONAL_PARAMETER, new byte[0],
            "unsupported optional parameter: " + type + " (expected: 2, capabilities)");
      }
      if (length > r.remaining()) {
        throw BgpError.open(at + 1, NotificationCodes.UNSPECIFIC, new byte[0],
            "optional parameter length: " + length + " (expected: <= " + r.remaining() + ")");
      }
      ByteReader value = r.slice(length, "capabilities");
      List<Capability> capabilities = new ArrayList<>();
      while (value.hasRemaining()) {
        if (value.remaining() < 2) {
          throw BgpError.open(value.position(), NotificationCodes.UNSPECIFIC, new byte[0],
              "truncated capability: 1 byte (expected: 2)");
        }
        capabilities.add(Capability.decode(value));
      }
      parameters.add(capabilities);
    }
    return parameters;
  }

  @Override
  public int type() {
    return BgpMessage.OPEN;
  }

  @Override
  public int bodyLength() {
    return MIN_BODY + parameters.stream().mapToInt(BgpOpen::parameterLength).sum();
  }

  @Override
  public void encodeBody(ByteWriter w) {
    w.u8(version).u16(myAs).u16(holdTime);
    bgpIdentifier.encode(w);
    w.u8(bodyLength() - MIN_BODY);
    for (List<Capability> parameter : parameters) {
      w.u8(CAPABILITIES_PARAMETER).u8(parameterLength(parameter) - 2);
      parameter.forEach(c -> c.encode(w));
    }
  }
}
