package io.kubemu.nodes.proxy;

import io.kubemu.nodes.conntrack.Conntrack;
import io.kubemu.nodes.conntrack.FlowTuple;
import io.kubemu.nodes.stack.IcmpQuote;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.protocols.wire.ByteReader;
import io.kubemu.protocols.wire.Checksum;
import io.kubemu.protocols.wire.MalformedPacketException;

/**
 * ICMP errors about translated flows, translated back as netfilter's
 * nf_nat_icmp_reply_translation does: the quoted packet went out with the endpoint's address (and
 * the masquerade address); the client must see the one it sent, to the cluster IP, and the error
 * must reach the client itself. So a client whose endpoint died hears "No route to host" from the
 * endpoint's node at once, instead of retrying its SYN for two minutes. A quoted ICMP echo (a
 * masqueraded ping) is translated by its identifier, so ping reports the router's error.
 */
final class IcmpTranslation {
  private IcmpTranslation() {}

  /** The error rewritten for the client, or null when it is about no translated flow (or is no error). */
  static Ipv4Packet reply(Ipv4Packet p, Conntrack conntrack) {
    IcmpMessage icmp;
    try {
      icmp = IcmpMessage.decode(new ByteReader(p.payload()));
    } catch (MalformedPacketException e) {
      return null;
    }
    IcmpQuote quote = IcmpQuote.of(icmp).orElse(null);
    boolean echo = quote != null && quote.protocol() == IpProtocol.ICMP && quote.icmpType() == IcmpMessage.ECHO_REQUEST;
    if (quote == null || (quote.protocol() != IpProtocol.TCP && quote.protocol() != IpProtocol.UDP && !echo)) {
      return null;
    }
    // the quoted packet went from the client (or its masquerade address) to the endpoint: reversed, a reply tuple
    int from = echo ? quote.echoIdentifier() : quote.first();
    int to = echo ? quote.echoIdentifier() : quote.second();
    Conntrack.Match m = conntrack.lookup(new FlowTuple(quote.protocol(), quote.destination(), to, quote.source(), from));
    if (m == null || m.original()) {
      return null;
    }
    byte[] q = icmp.body().clone();
    int ihl = (q[0] & 0x0F) * 4;
    FlowTuple sent = m.entry().original();
    put32(q, 12, sent.source().bits());
    put32(q, 16, sent.destination().bits());
    put16(q, 10, 0);
    put16(q, 10, Checksum.of(q, 0, ihl));
    if (echo) {
      identifier(q, ihl, sent.sourcePort());
    } else {
      put16(q, ihl, sent.sourcePort());
      put16(q, ihl + 2, sent.destinationPort());
    }
    IcmpMessage translated = new IcmpMessage(icmp.type(), icmp.code(), icmp.rest(), q);
    return new Ipv4Packet(p.tos(), p.identification(), p.flagsAndFragment(), p.ttl(), p.protocol(), p.source(), sent.source(),
        p.options(), translated.toBytes());
  }

  /** The quoted echo's identifier back to the client's, its checksum adjusted for the change (RFC 1624, eqn. 3). */
  private static void identifier(byte[] q, int icmpAt, int identifier) {
    int old = ((q[icmpAt + 4] & 0xFF) << 8) | (q[icmpAt + 5] & 0xFF);
    int checksum = ((q[icmpAt + 2] & 0xFF) << 8) | (q[icmpAt + 3] & 0xFF);
    int sum = (~checksum & 0xFFFF) + (~old & 0xFFFF) + identifier;
    sum = (sum & 0xFFFF) + (sum >>> 16);
    sum = (sum & 0xFFFF) + (sum >>> 16);
    put16(q, icmpAt + 2, ~sum & 0xFFFF);
    put16(q, icmpAt + 4, identifier);
  }

  private static void put16(byte[] b, int at, int v) {
    b[at] = (byte) (v >>> 8);
    b[at + 1] = (byte) v;
  }

  private static void put32(byte[] b, int at, int v) {
    put16(b, at, v >>> 16);
    put16(b, at + 2, v & 0xFFFF);
  }
}
