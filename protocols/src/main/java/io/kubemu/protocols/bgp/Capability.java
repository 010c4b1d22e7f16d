package io.kubemu.protocols.bgp;

import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One capability of an OPEN (RFC 5492): code, length, value. The three that kubemu acts on are typed;
 * every other one (graceful restart, ADD-PATH, ...) is kept with its bytes, so an OPEN from a real
 * router encodes back exactly as it came.
 */
public sealed interface Capability {
  int MULTIPROTOCOL = 1;
  int ROUTE_REFRESH = 2;
  int FOUR_OCTET_AS = 65;

  int code();

  int valueLength();

  void encodeValue(ByteWriter w);

  default void encode(ByteWriter w) {
    w.u8(code()).u8(valueLength());
    encodeValue(w);
  }

  default int length() {
    return 2 + valueLength();
  }

  /** Reads one capability. A known code with the wrong length is an OPEN Message Error (unspecific). */
  static Capability decode(ByteReader r) {
    int start = r.position();
    int code = r.u8("capability code");
    int length = r.u8("capability length");
    if (length > r.remaining()) {
      throw BgpError.open(start + 1, NotificationCodes.UNSPECIFIC, new byte[0],
          "capability length beyond its parameter: " + length + " (expected: <= " + r.remaining() + ")");
    }
    ByteReader value = r.slice(length, "capability value");
    int expected = code == MULTIPROTOCOL || code == FOUR_OCTET_AS ? 4 : code == ROUTE_REFRESH ? 0 : length;
    if (length != expected) {
      throw BgpError.open(start + 1, NotificationCodes.UNSPECIFIC, new byte[0],
          "bad length for capability " + code + ": " + length + " (expected: " + expected + ")");
    }
    switch (code) {
      case MULTIPROTOCOL:
        int afi = value.u16("multiprotocol AFI");
        value.u8("multiprotocol reserved");
        return new Multiprotocol(afi, value.u8("multiprotocol SAFI"));
      case ROUTE_REFRESH:
        return new RouteRefresh();
      case FOUR_OCTET_AS:
        long asn = value.u32("4-octet AS number");
        if (asn == 0) {
          throw BgpError.open(start + 2, NotificationCodes.BAD_PEER_AS, new byte[0],
              "4-octet AS number 0 (expected: 1..4294967295, RFC 7607)");
        }
        return new FourOctetAs(asn);
      default:
        return new Unknown(code, value.rest());
    }
  }

  /** Multiprotocol extensions (RFC 4760 8): one address family the speaker carries; IPv4 unicast is 1/1. */
  record Multiprotocol(int afi, int safi) implements Capability {
    public static final Multiprotocol IPV4_UNICAST = new Multiprotocol(1, 1);

    public Multiprotocol {
      if (afi < 0 || afi > 0xFFFF || safi < 0 || safi > 255) {
        throw new IllegalArgumentException("bad AFI/SAFI: " + afi + "/" + safi + " (expected: 0..65535 / 0..255)");
      }
    }

    @Override
    public int code() {
      return MULTIPROTOCOL;
    }

    @Override
    public int valueLength() {
      return 4;
    }

    @Override
    public void encodeValue(ByteWriter w) {
      w.u16(afi).u8(0).u8(safi);
    }
  }

  /** Route refresh (RFC 2918): the speaker accepts ROUTE-REFRESH messages. */
  record RouteRefresh() implements Capability {
    @Override
    public int code() {
      return ROUTE_REFRESH;
    }

    @Override
    public int valueLength() {
      return 0;
    }

    @Override
    public void encodeValue(ByteWriter w) {
      // no value
    }
  }

  /** 4-octet AS support (RFC 6793): carries the speaker's real AS, which the 2-octet field cannot hold. */
  record FourOctetAs(long asn) implements Capability {
    public FourOctetAs {
      if (asn < 1 || asn > 0xFFFFFFFFL) {
        throw new IllegalArgumentException("bad AS number: " + asn + " (expected: 1..4294967295)");
      }
    }

    @Override
    public int code() {
      return FOUR_OCTET_AS;
    }

    @Override
    public int valueLength() {
      return 4;
    }

    @Override
    public void encodeValue(ByteWriter w) {
      w.u32(asn);
    }
  }

  /** A capability kept as bytes; the array is shared, not copied. */
  record Unknown(int code, byte[] value) implements Capability {
    public Unknown {
      if (code < 0 || code > 255 || value == null || value.length > 255) {
        throw new IllegalArgumentException("bad capability " + code + " of " + (value == null ? "null" : value.length)
            + " bytes (expected: code 0..255, 0..255 bytes)");
      }
    }

    @Override
    public int valueLength() {
      return value.length;
    }

    @Override
    public void encodeValue(ByteWriter w) {
      w.bytes(value);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Unknown u && code == u.code && Arrays.equals(value, u.value);
    }

    @Override
    public int hashCode() {
      return 31 * code + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Capability " + code + " " + HexFormat.of().formatHex(value);
    }
  }
}
