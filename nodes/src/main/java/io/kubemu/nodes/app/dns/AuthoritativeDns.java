package io.kubemu.nodes.app.dns;

import io.kubemu.nodes.app.App;
import io.kubemu.nodes.app.AppContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.TXTRecord;

/**
 * A small authoritative DNS server ({@code ghcr.io/kubemu/dns-server}, program {@code /dns-server}),
 * the nameserver an external host runs for the world outside the cluster: the upstream that
 * CoreDNS forwards to. Its zones and records are its arguments:
 * {@code /dns-server -zone=example.com -record=example.com=203.0.113.10 -cname=www.example.com=example.com
 * -txt=example.com=hello [-ttl=300] [-port=53]}; {@code -record} takes an IPv4 (A) or IPv6 (AAAA)
 * address. {@code ns1.<zone>} is the server's own address unless a record says otherwise. It
 * answers over UDP and TCP as {@link StaticZones} does, never recursively (no RA bit).
 */
public final class AuthoritativeDns implements App {
  private final DnsMetrics metrics = new DnsMetrics("dns_server_");
  private AppContext ctx;
  private DnsEndpoint endpoint;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    GoFlags flags = new GoFlags("/dns-server").list("zone", "a zone to serve, such as example.com (repeatable)")
        .list("record", "NAME=ADDRESS: an A or AAAA record (repeatable)").list("cname", "NAME=TARGET: a CNAME record (repeatable)")
        .list("txt", "NAME=TEXT: a TXT record (repeatable)").string("ttl", "300", "TTL of every record, in seconds")
        .string("port", "53", "UDP and TCP port to serve on");
    String problem = flags.parse(ctx.argv().subList(1, ctx.argv().size()));
    StaticZones zones = null;
    int port = -1;
    if (problem == null) {
      try {
        port = number(flags.get("port"), "-port", 1, 65535);
        long ttl = number(flags.get("ttl"), "-ttl", 0, Integer.MAX_VALUE);
        zones = zones(flags, ttl);
      } catch (IllegalArgumentException e) {
        problem = e.getMessage();
      }
    }
    if (problem != null) {
      ctx.err("dns-server: " + problem + "\n" + flags.usage());
      ctx.exit(2);
      return;
    }
    StaticZones served = zones;
    endpoint = new DnsEndpoint(ctx, (request, reply) -> reply.accept(served.answer(request.query())), metrics,
        (request, reply, bytes) -> { });
    if (!endpoint.listen(port)) {
      ctx.err("dns-server: listen :" + port + ": address already in use\n");
      ctx.exit(1);
      return;
    }
    ctx.out("dns-server: serving " + String.join(" ", flags.all("zone")) + " on :" + port + " (udp, tcp)\n");
  }

  /** Queries, answers by rcode, and what was dropped. */
  public DnsMetrics metrics() {
    return metrics;
  }

  private StaticZones zones(GoFlags flags, long ttl) {
    if (flags.all("zone").isEmpty()) {
      throw new IllegalArgumentException("no -zone given (expected: at least one, such as -zone=example.com)");
    }
    List<Name> origins = new ArrayList<>();
    for (String z : flags.all("zone")) {
      origins.add(DnsNames.zone(z));
    }
    List<Record> data = new ArrayList<>();
    for (String r : flags.all("record")) {
      Name name = name(r, "-record");
      String value = value(r);
      byte[] bytes = IpLiterals.bytes(value);
      if (bytes == null) {
        throw new IllegalArgumentException("-record " + r + ": '" + value + "' is not an IP address (expected: NAME=IPv4 or NAME=IPv6)");
      }
      data.add(bytes.length == 4 ? new ARecord(name, DClass.IN, ttl, IpLiterals.of(bytes))
          : new AAAARecord(name, DClass.IN, ttl, IpLiterals.of(bytes)));
    }
    for (String c : flags.all("cname")) {
      data.add(new CNAMERecord(name(c, "-cname"), DClass.IN, ttl, DnsNames.under(value(c), Name.root)
          .orElseThrow(() -> new IllegalArgumentException("-cname " + c + ": bad target (expected: NAME=TARGET)"))));
    }
    for (String t : flags.all("txt")) {
      data.add(new TXTRecord(name(t, "-txt"), DClass.IN, ttl, value(t)));
    }
    for (Name origin : origins) {
      Name ns = DnsNames.under("ns1", origin).orElseThrow();
      if (data.stream().noneMatch(r -> r.getName().equals(ns))) {
        data.add(new ARecord(ns, DClass.IN, ttl, IpLiterals.of(ctx.net().address().toBytes())));
      }
    }
    return new StaticZones(origins, data, ttl);
  }

  private static Name name(String arg, String flag) {
    int eq = arg.indexOf('=');
    Optional<Name> name = eq <= 0 ? Optional.empty() : DnsNames.under(arg.substring(0, eq), Name.root);
    return name.orElseThrow(() -> new IllegalArgumentException(flag + " " + arg + ": bad name (expected: NAME=VALUE)"));
  }

  private static String value(String arg) {
    return arg.substring(arg.indexOf('=') + 1);
  }

  private static int number(String text, String flag, int min, int max) {
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("invalid value \"" + text + "\" for flag " + flag + " (expected: " + min + ".." + max + ")");
  }

  @Override
  public void onTimer(String key) {
    endpoint.onTimer(key);
  }

  /** SIGTERM: the server stops at once. */
  @Override
  public void onTerminate() {
    if (ctx != null) {
      ctx.exit(0);
    }
  }
}
