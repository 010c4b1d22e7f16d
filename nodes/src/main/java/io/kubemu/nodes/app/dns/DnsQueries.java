package io.kubemu.nodes.app.dns;

import java.io.IOException;
import java.util.Arrays;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * What a DNS server makes of the bytes of a datagram or a TCP frame, checked as miekg/dns's server
 * checks them before CoreDNS sees a query: too short for a header, or a response, is dropped;
 * an opcode other than QUERY is NOTIMP; a header whose counts no query has, a body that does not
 * parse (names that are too long, compression pointers that loop, records cut short), or two OPT
 * records are FORMERR; an EDNS version other than 0 is BADVERS (RFC 6891).
 */
final class DnsQueries {
  /** The outcome: a query to answer, an error to send back at once, or (both null) a drop for {@code dropReason}. */
  record Parsed(Message query, Message error, String dropReason) {
    static Parsed drop(String reason) {
      return new Parsed(null, null, reason);
    }

    static Parsed error(Message reply) {
      return new Parsed(null, reply, null);
    }
  }

  private DnsQueries() {}

  static Parsed parse(byte[] wire) {
    if (wire.length < Header.LENGTH) {
      return Parsed.drop("short");
    }
    Header header;
    try {
      header = new Header(Arrays.copyOf(wire, Header.LENGTH));
    } catch (IOException impossible) {
      return Parsed.drop("short");
    }
    if (header.getFlag(Flags.QR)) {
      return Parsed.drop("response");
    }
    if (header.getOpcode() != Opcode.QUERY) {
      return Parsed.error(DnsReplies.error(header, Rcode.NOTIMP));
    }
    if (header.getCount(Section.QUESTION) != 1 || header.getCount(Section.ANSWER) > 1
        || header.getCount(Section.AUTHORITY) > 1 || header.getCount(Section.ADDITIONAL) > 2) {
      return Parsed.error(DnsReplies.error(header, Rcode.FORMERR));
    }
    Message query;
    try {
      query = new Message(wire);
    } catch (IOException | RuntimeException malformed) {
      return Parsed.error(DnsReplies.error(header, Rcode.FORMERR));
    }
    long opts = query.getSection(Section.ADDITIONAL).stream().filter(r -> r instanceof OPTRecord).count();
    if (query.getQuestion() == null || opts > 1) {
      return Parsed.error(DnsReplies.error(header, Rcode.FORMERR));
    }
    OPTRecord opt = query.getOPT();
    if (opt != null && opt.getVersion() != 0) {
      Message reply = DnsReplies.error(header, Rcode.NOERROR);
      reply.addRecord(new OPTRecord(opt.getPayloadSize(), Rcode.BADVERS >>> 4, 0), Section.ADDITIONAL);
      return Parsed.error(reply);
    }
    return new Parsed(query, null, null);
  }

  /**
   * The bytes of {@code reply} to {@code request}: the query's EDNS echoed (its buffer size, the
   * DO bit) when the reply has none of its own, cut to the size the request allows, with TC set
   * when records had to go.
   */
  static byte[] wire(DnsRequest request, Message reply) {
    OPTRecord asked = request.query().getOPT();
    if (asked != null && reply.getOPT() == null) {
      int flags = asked.getFlags() & org.xbill.DNS.ExtendedFlags.DO;
      reply.addRecord(new OPTRecord(Math.max(512, asked.getPayloadSize()), 0, 0, flags), Section.ADDITIONAL);
    }
    return reply.toWire(request.maxSize());
  }

  /** The most bytes a UDP answer may take: the EDNS buffer size (at least 512) or, without EDNS, 512; never above {@code linkLimit}. */
  static int udpLimit(Message query, int linkLimit) {
    OPTRecord opt = query.getOPT();
    int asked = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
    return Math.min(asked, linkLimit);
  }

  /** The question as logs print it: {@code web.default.svc.cluster.local. A}. */
  static String describe(Message m) {
    Record q = m.getQuestion();
    return q == null ? "-" : q.getName() + " " + org.xbill.DNS.Type.string(q.getType());
  }
}
