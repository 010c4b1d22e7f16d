package io.kubemu.nodes.app.dns;

import io.kubemu.nodes.app.ClusterView;
import io.kubemu.nodes.app.dns.KubernetesLookup.Entry;
import io.kubemu.nodes.app.dns.KubernetesLookup.Found;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The cluster's DNS zone as CoreDNS's kubernetes plugin serves it, after the Kubernetes DNS-Based
 * Service Discovery specification 1.1.0: A/AAAA for Services (a headless one's ready endpoints),
 * endpoint names, SRV for named ports, PTR for cluster and endpoint IPs, ExternalName as CNAME,
 * {@code dns-version} TXT, pod names with {@code pods insecure}. Where the specification leaves
 * room it answers as CoreDNS does: NODATA (NOERROR, the zone's SOA in authority) when the name
 * exists without the type, NXDOMAIN otherwise, SERVFAIL instead while the informer has not synced;
 * names compare case-insensitively and answers spell the question's name as asked. A CNAME to a
 * name outside the zone is answered alone: the client's resolver follows it, where CoreDNS would
 * look it up itself. Pure: a view and a query in, a message out.
 */
public final class KubernetesZone {
  /** CoreDNS hard-codes the TTL of the schema version record. */
  static final long VERSION_TTL = 28800;
  private static final String SCHEMA_VERSION = "1.1.0";
  /** CNAMEs followed inside the zone at most, as CoreDNS stops at 8. */
  private static final int MAX_CHAIN = 7;

  private final KubernetesConfig config;
  private final KubernetesLookup lookup;
  private final ZoneRecords records;
  private final List<String> localIps;
  private final boolean synced;

  /**
   * @param serial the SOA serial: when the Services or EndpointSlices last changed, in epoch seconds
   * @param synced whether the informer has delivered its first view
   * @param localIps this server's own addresses, for NS answers
   */
  public KubernetesZone(KubernetesConfig config, ClusterIndex index, long serial, boolean synced, List<String> localIps) {
    this.config = config;
    this.lookup = new KubernetesLookup(config, index);
    this.records = new ZoneRecords(config.ttl(), serial);
    this.localIps = List.copyOf(localIps);
    this.synced = synced;
  }

  /** kubeadm's plugin stanza for {@code domain} over {@code view}, synced, serial 1, no own address. */
  public static KubernetesZone of(ClusterView view, String domain) {
    return new KubernetesZone(KubernetesConfig.kubeadm(domain), ClusterIndex.of(view), 1, true, List.of());
  }

  /** Whether a name is in one of the plugin's zones (else the next plugin gets the query). */
  public boolean serves(Name name) {
    return DnsNames.longestMatch(config.zones(), name).isPresent();
  }

  /**
   * The plugin's answer to {@code query}, or empty when the query goes to the next plugin: the
   * name is outside the plugin's zones, or does not exist and {@code fallthrough} covers it.
   */
  public Optional<Message> answer(Message query) {
    Record question = query.getQuestion();
    if (question == null) {
      return Optional.of(DnsReplies.failure(query, Rcode.FORMERR));
    }
    Name qname = question.getName();
    Optional<Name> matched = DnsNames.longestMatch(config.zones(), qname);
    if (matched.isEmpty()) {
      return Optional.empty();
    }
    Name zone = matched.get();
    Message reply = DnsReplies.reply(query);
    int type = question.getType();
    if (type == Type.AXFR || type == Type.IXFR) {
      reply.getHeader().setRcode(Rcode.REFUSED);
      return Optional.of(reply);
    }
    List<Record> answer = new ArrayList<>();
    List<Record> extra = new ArrayList<>();
    boolean nameError = lookUp(qname, type, zone, answer, extra);
    if (nameError && config.fallthrough().covers(qname)) {
      return Optional.empty();
    }
    reply.getHeader().setFlag(Flags.AA);
    if (nameError) {
      reply.getHeader().setRcode(synced ? Rcode.NXDOMAIN : Rcode.SERVFAIL);
    }
    if (nameError || answer.isEmpty()) {
      reply.addRecord(records.soa(DnsNames.suffix(qname, zone), zone), Section.AUTHORITY);
      return Optional.of(reply);
    }
    answer.forEach(r -> reply.addRecord(r, Section.ANSWER));
    extra.forEach(r -> reply.addRecord(r, Section.ADDITIONAL));
    return Optional.of(reply);
  }

  /** Fills the answer and additional records for the question; true when the name does not exist. */
  private boolean lookUp(Name qname, int type, Name zone, List<Record> answer, List<Record> extra) {
    Name lower = qname.canonicalize();
    switch (type) {
      case Type.A:
      case Type.AAAA:
        return addresses(qname, type, zone, List.of(), answer);
      case Type.TXT:
        return text(qname, zone, answer);
      case Type.CNAME:
        return cname(qname, zone, answer);
      case Type.PTR:
        return pointers(qname, zone, answer);
      case Type.SRV:
        return services(qname, zone, answer, extra);
      case Type.SOA:
        if (lower.equals(zone)) {
          answer.add(records.soa(qname, zone));
        }
        return false;
      case Type.NS:
        if (lower.equals(zone)) {
          nameServers(qname, zone, answer, extra);
          return false;
        }
        return addresses(qname, Type.A, zone, List.of(), new ArrayList<>());
      default:
        // No records of other types: the A lookup tells NODATA from NXDOMAIN.
        return addresses(qname, Type.A, zone, List.of(), new ArrayList<>());
    }
  }

  /** What CoreDNS's {@code Services} finds: {@code ns.dns.<zone>} is the name servers' addresses. */
  private Found find(Name qname, Name zone) {
    Name lower = qname.canonicalize();
    if (DnsNames.under("ns.dns", zone).map(lower::equals).orElse(false)) {
      return Found.of(lookup.nameServers(localIps, zone));
    }
    return lookup.records(lower, zone);
  }

  private boolean addresses(Name qname, int type, Name zone, List<Record> chain, List<Record> answer) {
    Found found = find(qname, zone);
    if (found.nameError()) {
      return true;
    }
    Set<String> seen = new HashSet<>();
    for (Entry e : found.entries()) {
      if (e.isName()) {
        follow(qname, type, zone, chain, e, answer);
      } else if ((type == Type.AAAA) == e.isIpv6() && seen.add(e.host())) {
        answer.add(records.address(qname, e.host()));
      }
    }
    return false;
  }

  /** An ExternalName's CNAME, with what its target resolves to when the target is in the zone. */
  private void follow(Name qname, int type, Name zone, List<Record> chain, Entry e, List<Record> answer) {
    Optional<Name> target = DnsNames.under(e.host(), Name.root);
    if (target.isEmpty() || target.get().equals(qname) || chain.size() > MAX_CHAIN) {
      return;
    }
    Record cname = records.cname(qname, target.get());
    if (chain.stream().anyMatch(c -> c.getName().equals(cname.getName()) && c.rdataToString().equals(cname.rdataToString()))) {
      return;
    }
    if (!target.get().subdomain(zone)) {
      answer.add(cname);
      return;
    }
    List<Record> longer = new ArrayList<>(chain);
    longer.add(cname);
    List<Record> next = new ArrayList<>();
    if (!addresses(target.get(), type, zone, longer, next) && !next.isEmpty()) {
      answer.add(cname);
      answer.addAll(next);
    }
  }

  private boolean text(Name qname, Name zone, List<Record> answer) {
    String[] labels = DnsNames.labelsAbove(qname, zone);
    if (labels.length == 1 && labels[0].equals("dns-version")) {
      answer.add(new TXTRecord(qname, DClass.IN, VERSION_TTL, SCHEMA_VERSION));
      return false;
    }
    // CoreDNS: NODATA when the name has records of another type, else NXDOMAIN.
    return lookup.records(qname, zone).entries().isEmpty();
  }

  private boolean cname(Name qname, Name zone, List<Record> answer) {
    Found found = find(qname, zone);
    if (!found.entries().isEmpty() && found.entries().get(0).isName()) {
      DnsNames.under(found.entries().get(0).host(), Name.root).ifPresent(t -> answer.add(records.cname(qname, t)));
    }
    return found.nameError();
  }

  private boolean pointers(Name qname, Name zone, List<Record> answer) {
    Optional<String> ip = ReverseNames.address(qname);
    if (ip.isEmpty()) {
      return lookup.records(qname, zone).nameError();
    }
    Found found = lookup.reverse(ip.get());
    Set<String> seen = new HashSet<>();
    for (Entry e : found.entries()) {
      if (seen.add(e.host())) {
        answer.add(new PTRRecord(qname, DClass.IN, config.ttl(), e.key()));
      }
    }
    return found.nameError();
  }

  /** SRV for named ports: one per Service port, or per ready endpoint of a headless Service, weights shared. */
  private boolean services(Name qname, Name zone, List<Record> answer, List<Record> extra) {
    Found found = find(qname, zone);
    List<Entry> entries = found.entries().stream().filter(e -> !e.isName()).toList();
    int weight = entries.isEmpty() ? 0 : Math.max(1, (int) Math.floor(100.0 / (100.0 * entries.size()) * 100));
    Set<String> seenTargets = new HashSet<>();
    Set<String> seenAddresses = new HashSet<>();
    for (Entry e : entries) {
      if (e.port() < 0) {
        continue;
      }
      if (seenTargets.add(e.key() + ":" + e.port())) {
        answer.add(records.service(qname, weight, e.port(), e.key()));
      }
      if (seenAddresses.add(e.key() + "@" + e.host())) {
        extra.add(records.address(e.key(), e.host()));
      }
    }
    return found.nameError();
  }

  private void nameServers(Name qname, Name zone, List<Record> answer, List<Record> extra) {
    Set<Name> seen = new HashSet<>();
    for (Entry e : lookup.nameServers(localIps, zone)) {
      extra.add(records.address(e.key(), e.host()));
      if (seen.add(e.key())) {
        answer.add(new NSRecord(qname, DClass.IN, config.ttl(), e.key()));
      }
    }
  }
}
