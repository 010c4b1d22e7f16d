package io.kubemu.nodes.app.dns;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Zones an authoritative server holds, and its answers (RFC 1034 4.3.2): the records of the name
 * and type asked, with the AA bit; a CNAME followed inside the zone; NODATA (NOERROR, the zone's SOA
 * in authority) for a name that exists without the type, or that only has names below it;
 * NXDOMAIN with the SOA for a name that does not exist; REFUSED for a name outside every zone, or a
 * zone transfer. It never resolves anything it does not hold. Each zone has its SOA ({@code
 * ns1.<zone>. hostmaster.<zone>. 1 7200 3600 1209600 <ttl>}) and an NS record for {@code ns1.<zone>}.
 */
public final class StaticZones {
  private static final int MAX_CHAIN = 8;

  private final List<Name> origins;
  private final Map<Name, List<Record>> records;

  /** Zones named {@code origins} holding {@code data}; every record must lie in one of them. */
  public StaticZones(List<Name> origins, List<Record> data, long ttl) {
    this.origins = List.copyOf(origins);
    Map<Name, List<Record>> byName = new LinkedHashMap<>();
    for (Name origin : origins) {
      Name ns = DnsNames.under("ns1", origin).orElseThrow();
      Name admin = DnsNames.under("hostmaster", origin).orElseThrow();
      byName.computeIfAbsent(origin, k -> new ArrayList<>()).add(new SOARecord(origin, DClass.IN, ttl, ns, admin, 1, 7200, 3600,
          1209600, ttl));
      byName.get(origin).add(new NSRecord(origin, DClass.IN, ttl, ns));
    }
    for (Record r : data) {
      if (DnsNames.longestMatch(origins, r.getName()).isEmpty()) {
        throw new IllegalArgumentException("record " + r.getName() + " is outside every zone " + origins
            + " (expected: a name under one of them)");
      }
      byName.computeIfAbsent(r.getName().canonicalize(), k -> new ArrayList<>()).add(r);
    }
    this.records = byName;
  }

  public Message answer(Message query) {
    Message reply = DnsReplies.reply(query);
    Record q = query.getQuestion();
    Optional<Name> zone = DnsNames.longestMatch(origins, q.getName());
    if (zone.isEmpty() || q.getType() == Type.AXFR || q.getType() == Type.IXFR
        || (q.getDClass() != DClass.IN && q.getDClass() != DClass.ANY)) {
      reply.getHeader().setRcode(Rcode.REFUSED);
      return reply;
    }
    reply.getHeader().setFlag(Flags.AA);
    Name name = q.getName();
    for (int step = 0; step < MAX_CHAIN; step++) {
      List<Record> here = records.get(name.canonicalize());
      if (here == null) {
        Name missing = name;
        if (records.keySet().stream().noneMatch(n -> n.subdomain(missing))) {
          reply.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        break;
      }
      List<Record> cname = here.stream().filter(r -> r.getType() == Type.CNAME).toList();
      if (!cname.isEmpty() && q.getType() != Type.CNAME && q.getType() != Type.ANY) {
        Record alias = spelled(cname.get(0), name);
        reply.addRecord(alias, Section.ANSWER);
        name = ((CNAMERecord) alias).getTarget();
        if (!name.subdomain(zone.get())) {
          return reply;
        }
        continue;
      }
      for (Record r : here) {
        if (r.getType() == q.getType() || q.getType() == Type.ANY) {
          reply.addRecord(spelled(r, name), Section.ANSWER);
        }
      }
      break;
    }
    if (reply.getSection(Section.ANSWER).stream().noneMatch(r -> r.getType() != Type.CNAME || q.getType() == Type.CNAME)) {
      reply.addRecord(records.get(zone.get()).get(0), Section.AUTHORITY);
    }
    return reply;
  }

  /** {@code r} owned by {@code owner} as the question spelled it. */
  private static Record spelled(Record r, Name owner) {
    return r.withName(owner);
  }
}
