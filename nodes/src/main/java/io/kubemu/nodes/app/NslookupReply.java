package io.kubemu.nodes.app;

import io.kubemu.nodes.app.dns.resolver.Presentation;
import java.nio.charset.StandardCharsets;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * One reply as busybox 1.36 nslookup prints it ({@code parse_reply}): an error rcode as {@code **
 * server can't find NAME: NXDOMAIN}; else "Non-authoritative answer:" unless the server is
 * authoritative, and each answer record in nslookup's words (names without the final dot, only the
 * first string of a TXT record); a blank line after every reply, even one without answers.
 */
final class NslookupReply {
  private NslookupReply() {}

  /** The text for {@code reply} to the question for {@code asked}; {@code debug} adds what -debug adds. */
  static String format(Message reply, String asked, boolean debug) {
    StringBuilder sb = new StringBuilder();
    int rcode = reply.getRcode();
    if (rcode != Rcode.NOERROR) {
      return sb.append("** server can't find ").append(asked).append(": ").append(rcodeName(rcode)).append("\n\n").toString();
    }
    if (!reply.getHeader().getFlag(Flags.AA)) {
      sb.append("Non-authoritative answer:\n");
    } else if (debug) {
      sb.append("authoritative answer:\n");
    }
    for (Record r : reply.getSection(Section.ANSWER)) {
      sb.append(record(r));
    }
    return sb.append('\n').toString();
  }

  /** busybox's table: the names up to NOTZONE, then the number. */
  private static String rcodeName(int rcode) {
    return rcode <= Rcode.NOTZONE ? Rcode.string(rcode) : Integer.toString(rcode);
  }

  private static String record(Record r) {
    String owner = name(r.getName());
    switch (r.getType()) {
      case Type.A:
        return "Name:\t" + owner + "\nAddress: " + ((ARecord) r).getAddress().getHostAddress() + "\n";
      case Type.AAAA:
        return "Name:\t" + owner + "\nAddress: " + Presentation.rdata(r) + "\n";
      case Type.NS:
        return owner + "\tnameserver = " + name(((NSRecord) r).getTarget()) + "\n";
      case Type.CNAME:
        return owner + "\tcanonical name = " + name(((CNAMERecord) r).getTarget()) + "\n";
      case Type.PTR:
        return owner + "\tname = " + name(((PTRRecord) r).getTarget()) + "\n";
      case Type.MX:
        MXRecord mx = (MXRecord) r;
        return owner + "\tmail exchanger = " + mx.getPriority() + " " + name(mx.getTarget()) + "\n";
      case Type.TXT:
        byte[] first = ((TXTRecord) r).getStringsAsByteArrays().get(0);
        return first.length == 0 ? "" : owner + "\ttext = \"" + new String(first, StandardCharsets.ISO_8859_1) + "\"\n";
      case Type.SRV:
        SRVRecord srv = (SRVRecord) r;
        return owner + "\tservice = " + srv.getPriority() + " " + srv.getWeight() + " " + srv.getPort() + " "
            + name(srv.getTarget()) + "\n";
      case Type.SOA:
        SOARecord soa = (SOARecord) r;
        return owner + "\n\torigin = " + name(soa.getHost()) + "\n\tmail addr = " + name(soa.getAdmin())
            + "\n\tserial = " + soa.getSerial() + "\n\trefresh = " + soa.getRefresh() + "\n\tretry = " + soa.getRetry()
            + "\n\texpire = " + soa.getExpire() + "\n\tminimum = " + soa.getMinimum() + "\n";
      default:
        return ""; // busybox prints nothing for a type it does not know
    }
  }

  /** A name as dn_expand gives it: without the final dot; the root is ".". */
  private static String name(org.xbill.DNS.Name n) {
    return n.labels() <= 1 ? "." : n.toString(true);
  }
}
