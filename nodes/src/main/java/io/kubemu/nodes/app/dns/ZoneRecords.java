package io.kubemu.nodes.app.dns;

import java.net.InetAddress;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SRVRecord;

/**
 * The records of a zone, all with its TTL, and its SOA as CoreDNS writes it:
 * {@code ns.dns.<zone>. hostmaster.<zone>. <serial> 7200 1800 86400 <ttl>}, itself with the zone's
 * TTL (300 at most).
 */
final class ZoneRecords {
  private static final long SOA_MAX_TTL = 300;

  private final long ttl;
  private final long serial;

  ZoneRecords(long ttl, long serial) {
    this.ttl = ttl;
    this.serial = serial;
  }

  /** An A or AAAA record for {@code ip}, a literal (no lookup is ever made). */
  Record address(Name owner, String ip) {
    byte[] bytes = IpLiterals.bytes(ip);
    if (bytes == null) {
      throw new IllegalArgumentException("not an IP address: '" + ip + "' (expected: a literal IPv4 or IPv6 address)");
    }
    InetAddress a = IpLiterals.of(bytes);
    return bytes.length == 16 ? new AAAARecord(owner, DClass.IN, ttl, a) : new ARecord(owner, DClass.IN, ttl, a);
  }

  Record cname(Name owner, Name target) {
    return new CNAMERecord(owner, DClass.IN, ttl, target);
  }

  /** An SRV record with priority 0, as CoreDNS gives every Kubernetes target. */
  Record service(Name owner, int weight, int port, Name target) {
    return new SRVRecord(owner, DClass.IN, ttl, 0, weight, port, target);
  }

  /** The SOA of {@code zone}, owned by {@code owner} (the zone spelled as the question spelled it). */
  Record soa(Name owner, Name zone) {
    Name ns = DnsNames.under("ns.dns", zone).orElse(zone);
    Name mbox = DnsNames.under("hostmaster", zone).orElse(zone);
    return new SOARecord(owner, DClass.IN, Math.min(ttl, SOA_MAX_TTL), ns, mbox, serial, 7200, 1800, 86400, ttl);
  }
}
