package io.kubemu.protocols.bgp;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.ByteWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * IPv4 prefixes as UPDATE carries them in Withdrawn Routes and NLRI (RFC 4271 4.3): a length in bits,
 * then just enough octets to hold it. Bits past the length are ignored on receipt (the route is the
 * masked block), so a prefix sent with stray bits encodes back without them.
 */
final class Prefixes {
  private Prefixes() {}

  /** Reads prefixes up to the reader's limit; a bad one is Invalid Network Field (3/10, no data). */
  static List<Ipv4Cidr> decode(ByteReader r, String field) {
    List<Ipv4Cidr> prefixes = new ArrayList<>();
    while (r.hasRemaining()) {
      int at = r.position();
      int bits = r.u8(field + " prefix length");
      if (bits > 32) {
        throw invalid(at, "bad " + field + " prefix length: " + bits + " (expected: 0..32)");
      }
      int octets = (bits + 7) / 8;
      if (octets > r.remaining()) {
        throw invalid(at, "truncated " + field + " prefix /" + bits + ": " + r.remaining() + " bytes (expected: " + octets + ")");
      }
      int address = 0;
      for (int i = 0; i < 4; i++) {
        address = (address << 8) | (i < octets ? r.u8(field + " prefix") : 0);
      }
      prefixes.add(Ipv4Cidr.containing(new Ipv4Address(address), bits));
    }
    return prefixes;
  }

  static int length(List<Ipv4Cidr> prefixes) {
    int length = 0;
    for (Ipv4Cidr p : prefixes) {
      length += 1 + (p.prefixLength() + 7) / 8;
    }
    return length;
  }

  static void encode(ByteWriter w, List<Ipv4Cidr> prefixes) {
    for (Ipv4Cidr p : prefixes) {
      w.u8(p.prefixLength());
      int bits = p.network().bits();
      for (int i = 0; i < (p.prefixLength() + 7) / 8; i++) {
        w.u8(bits >>> (24 - 8 * i));
      }
    }
  }

  private static BgpError invalid(int at, String problem) {
    return BgpError.update(at, NotificationCodes.INVALID_NETWORK_FIELD, new byte[0], problem);
  }
}
