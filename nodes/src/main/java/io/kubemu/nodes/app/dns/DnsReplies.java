package io.kubemu.nodes.app.dns;

import org.xbill.DNS.Flags;
import org.xbill.DNS.Header;
import org.xbill.DNS.Message;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/** Reply skeletons as miekg/dns's {@code SetReply} makes them: the query's ID, opcode, RD and CD bits and question. */
final class DnsReplies {
  private DnsReplies() {}

  /** An empty NOERROR reply to {@code query}, its question copied. */
  static Message reply(Message query) {
    Message reply = new Message(query.getHeader().getID());
    copyHeader(query.getHeader(), reply.getHeader());
    Record question = query.getQuestion();
    if (question != null) {
      reply.addRecord(question, Section.QUESTION);
    }
    return reply;
  }

  /** A reply to a query whose header is all that could be read: no question, only {@code rcode}. */
  static Message error(Header query, int rcode) {
    Message reply = new Message(query.getID());
    copyHeader(query, reply.getHeader());
    reply.getHeader().setRcode(rcode);
    return reply;
  }

  /** {@code reply} stripped of its records, with {@code rcode}: what a server sends when it has nothing to say. */
  static Message failure(Message query, int rcode) {
    Message reply = reply(query);
    reply.getHeader().setRcode(rcode);
    return reply;
  }

  private static void copyHeader(Header from, Header to) {
    to.setFlag(Flags.QR);
    to.setOpcode(from.getOpcode());
    if (from.getOpcode() == Opcode.QUERY && from.getFlag(Flags.RD)) {
      to.setFlag(Flags.RD);
    }
    if (from.getFlag(Flags.CD)) {
      to.setFlag(Flags.CD);
    }
    to.setRcode(Rcode.NOERROR);
  }
}
