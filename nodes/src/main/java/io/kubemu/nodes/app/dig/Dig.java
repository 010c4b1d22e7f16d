package io.kubemu.nodes.app.dig;

import io.kubemu.nodes.app.App;
import io.kubemu.nodes.app.AppContext;
import io.kubemu.nodes.app.dns.resolver.Libc;
import io.kubemu.nodes.app.dns.resolver.Presentation;
import io.kubemu.nodes.app.dns.resolver.ResolvConf;
import io.kubemu.nodes.app.dns.resolver.SequentialQuery;
import io.kubemu.nodes.app.dns.resolver.StubResolver;
import io.kubemu.nodes.pod.PodFiles;
import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;

/**
 * BIND's dig (see {@link DigOptions} for the command line, {@link DigDialect} for the releases): it
 * asks the {@code @server} or the resolv.conf nameservers itself, each {@code +tries} times with
 * {@code +timeout} before the next, over UDP with EDNS (TCP with {@code +tcp}, or when an answer
 * comes truncated), and prints the reply whatever its status: header, sections, statistics, or with
 * {@code +short} only the answers' data. With {@code +search} a name with fewer than ndots dots goes
 * with each search domain, then as it is, until one is not NXDOMAIN. Exit 0 once a server replied,
 * 9 when none did, 1 for a command line it refuses, 10 when the @server name does not resolve.
 */
public final class Dig implements App {
  static final String USAGE = "Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n"
      + "            {global-d-opt} host [@local-server] {local-d-opt}\n"
      + "            [ host [@local-server] {local-d-opt} [...]]\n";
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.US);

  private final DigDialect dialect;
  private AppContext ctx;
  private StubResolver resolver;
  private DigOptions o;
  private ResolvConf conf;
  private final List<Ipv4Address> servers = new ArrayList<>();
  private String serverName;
  private boolean greeted;
  private int lookup;
  private List<String> names;
  private int candidate;
  private long sentAt;
  private int status;

  public Dig(DigDialect dialect) {
    this.dialect = dialect;
  }

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    this.resolver = new StubResolver(ctx, dialect.libc());
    try {
      o = DigOptions.parse(ctx.argv().subList(1, ctx.argv().size()));
    } catch (DigOptions.Problem p) {
      ctx.err(p.getMessage() + "\n" + USAGE + "\nUse \"dig -h\" (or \"dig -h | more\") for complete list of options\n");
      ctx.exit(1);
      return;
    }
    if (o.version || o.help) {
      if (o.version) {
        ctx.err("DiG " + dialect.version() + "\n");
      } else {
        ctx.out(USAGE);
      }
      ctx.exit(0);
      return;
    }
    conf = ResolvConf.parse(ctx.readFile(PodFiles.RESOLV_CONF), dialect.libc());
    if (o.server == null) {
      servers.addAll(conf.nameservers());
      nextLookup();
    } else {
      resolver.resolve(o.server, r -> {
        if (!r.resolved()) {
          ctx.err("dig: couldn't get address for '" + o.server + "': not found\n");
          ctx.exit(10);
          return;
        }
        servers.addAll(r.addresses());
        serverName = o.server;
        nextLookup();
      });
    }
  }

  /** "; <<>> DiG VERSION <<>> ARGS": the first with a blank line before, the server count and the global options after. */
  private void greet() {
    if (greeted || !o.cmd || o.shortForm) {
      return;
    }
    boolean first = lookup == 0;
    StringBuilder sb = new StringBuilder(first ? "\n" : "").append("; <<>> DiG ").append(dialect.version()).append(" <<>>");
    ctx.argv().subList(1, ctx.argv().size()).forEach(a -> sb.append(' ').append(a));
    sb.append('\n');
    if (first && serverName != null) {
      sb.append("; (").append(servers.size()).append(servers.size() > 1 ? " servers found)\n" : " server found)\n");
    }
    if (first) {
      sb.append(";; global options: +cmd\n");
    }
    ctx.out(sb.toString());
    greeted = true;
  }

  private void nextLookup() {
    if (lookup == o.lookups.size()) {
      ctx.exit(status);
      return;
    }
    DigOptions.Lookup l = o.lookups.get(lookup);
    greeted = false;
    if (dialect.greetingFirst()) {
      greet(); // 9.9 greets as each lookup starts; 9.18 with what it prints first
    }
    if (o.search) {
      int ndots = o.ndots >= 0 ? o.ndots : conf.ndots();
      names = Libc.MUSL.candidates(l.name(), new ResolvConf(conf.nameservers(), conf.search(), ndots, conf.timeout(), conf.attempts()));
    } else {
      names = List.of(l.name());
    }
    candidate = 0;
    ask();
  }

  private void ask() {
    DigOptions.Lookup l = o.lookups.get(lookup);
    Message query;
    try {
      query = query(names.get(candidate), l);
    } catch (TextParseException e) {
      ctx.err("dig: '" + names.get(candidate) + "' is not a legal name (" + e.getMessage() + ")\n");
      ctx.exit(1);
      return;
    }
    int tries = o.tcp ? 1 : o.tries;
    Duration timeout = Duration.ofSeconds(o.timeoutSeconds > 0 ? o.timeoutSeconds : o.tcp ? 10 : 5);
    sentAt = System.nanoTime();
    resolver.own(SequentialQuery.start(ctx, resolver.timers(), SequentialQuery.eachInTurn(servers, tries), o.port, query,
        new SequentialQuery.Policy(timeout, true, o.tcp), new Attempts(names.get(candidate))));
  }

  private Message query(String name, DigOptions.Lookup l) throws TextParseException {
    Name absolute = Name.fromString(name.endsWith(".") ? name : name + ".");
    Message m = Message.newQuery(Record.newRecord(absolute, l.type(), l.dclass()));
    m.getHeader().setID(java.util.concurrent.ThreadLocalRandom.current().nextInt(0x10000));
    if (!o.recurse) {
      m.getHeader().unsetFlag(Flags.RD);
    }
    if (o.edns) {
      m.addRecord(new OPTRecord(dialect.ednsBufferSize(), 0, 0), Section.ADDITIONAL);
    }
    return m;
  }

  /** What one question's attempts bring: lines as they happen, then the reply, or nothing from any server. */
  private final class Attempts implements SequentialQuery.Listener {
    private final String name;

    Attempts(String name) {
      this.name = name;
    }

    @Override
    public void timedOut(Ipv4Address server) {
      ctx.out(dialect.timedOut(server + "#" + o.port));
      sentAt = System.nanoTime();
    }

    @Override
    public void truncated(Ipv4Address server) {
      if (o.comments && !o.shortForm) {
        ctx.out(";; Truncated, retrying in TCP mode.\n");
      }
    }

    @Override
    public void tcpFailed(Ipv4Address server, String error) {
      ctx.out(dialect.tcpFailed(server + "#" + o.port, serverName(server), name, error));
    }

    @Override
    public void answered(Message reply, Ipv4Address server, boolean tcp) {
      if (reply.getRcode() == Rcode.NXDOMAIN && candidate + 1 < names.size()) {
        candidate++; // +search: the next name; dig shows only the last reply
        ask();
        return;
      }
      print(reply, server, tcp);
      lookup++;
      nextLookup();
    }

    @Override
    public void failed(Message last) {
      greet();
      ctx.out(dialect.noServers());
      status = 9;
      lookup++;
      nextLookup();
    }
  }

  private String serverName(Ipv4Address server) {
    return serverName != null ? serverName : server.toString();
  }

  private void print(Message reply, Ipv4Address server, boolean tcp) {
    if (o.shortForm) {
      StringBuilder sb = new StringBuilder();
      reply.getSection(Section.ANSWER).forEach(r -> sb.append(Presentation.rdata(r)).append('\n'));
      ctx.out(sb.toString());
      return;
    }
    greet();
    StringBuilder sb = new StringBuilder();
    if (o.comments) {
      sb.append(DigText.header(reply)).append(DigText.opt(reply));
    }
    int[] shown = {Section.QUESTION, Section.ANSWER, Section.AUTHORITY, Section.ADDITIONAL};
    boolean[] wanted = {o.question, o.answer, o.authority, o.additional};
    for (int i = 0; i < shown.length; i++) {
      if (wanted[i]) {
        sb.append(DigText.section(reply, shown[i], o.comments));
      }
    }
    if (o.stats) {
      sb.append(";; Query time: ").append((System.nanoTime() - sentAt) / 1_000_000).append(" msec\n")
          .append(";; SERVER: ").append(server).append('#').append(o.port).append('(').append(serverName(server)).append(')')
          .append(dialect.transportOnServerLine() ? (tcp ? " (TCP)" : " (UDP)") : "").append('\n')
          .append(";; WHEN: ").append(WHEN.format(ZonedDateTime.now(ZoneOffset.UTC))).append('\n')
          .append(";; MSG SIZE  rcvd: ").append(reply.numBytes()).append("\n\n");
    }
    ctx.out(sb.toString());
  }

  @Override
  public void onTimer(String key) {
    resolver.onTimer(key);
  }

  @Override
  public void onKill() {
    resolver.cancel();
  }
}
