package io.kubemu.nodes.app;

import io.kubemu.nodes.app.dns.resolver.DnsWire;
import io.kubemu.nodes.app.dns.resolver.Libc;
import io.kubemu.nodes.app.dns.resolver.ParallelQueries;
import io.kubemu.nodes.app.dns.resolver.ResolvConf;
import io.kubemu.nodes.app.dns.resolver.StubResolver;
import io.kubemu.nodes.pod.PodFiles;
import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * busybox 1.36 {@code nslookup [-type=TYPE] [-port=N] [-retry=N] [-timeout=N] [-debug] HOST
 * [SERVER]}, which speaks DNS itself rather than through libc: without a type an address asks
 * PTR and a name asks A and AAAA; a name without a dot goes with each resolv.conf search domain
 * (and never as it is), one with a dot only as it is. All questions go to one server at once, every
 * timeout/retry seconds again, replies printed as they come (see {@link NslookupReply}); a server
 * that says nothing in timeout seconds gives way to the next. Exit 1 when any reply was an error.
 */
public final class Nslookup implements App {
  static final String USAGE = """
      BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.

      Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]

      Query DNS about HOST

      QUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any
      """;
  /** busybox's qtypes table, in the order it asks them. */
  private static final List<String> TYPES = List.of("SOA", "NS", "A", "AAAA", "CNAME", "MX", "TXT", "SRV", "PTR", "ANY");

  private AppContext ctx;
  private StubResolver resolver;
  private final List<String> types = new ArrayList<>();
  private int port = DnsWire.PORT;
  private int retry = 2;
  private int timeoutSeconds = 5;
  private boolean debug;
  private final List<String> names = new ArrayList<>();
  private final List<Message> questions = new ArrayList<>();
  private final List<Ipv4Address> servers = new ArrayList<>();
  private final List<String> serverNames = new ArrayList<>();
  private boolean[] answered;
  private int server;
  private int replies;
  private int status;
  private long askedAt;

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    this.resolver = new StubResolver(ctx, Libc.MUSL);
    List<String> args = ctx.argv().subList(1, ctx.argv().size());
    int i = 0;
    for (; i < args.size() && args.get(i).startsWith("-"); i++) {
      if (!option(args.get(i))) {
        return;
      }
    }
    List<String> operands = args.subList(i, args.size());
    if (operands.isEmpty() || operands.size() > 2) {
      usage();
      return;
    }
    ResolvConf conf = ResolvConf.parse(ctx.readFile(PodFiles.RESOLV_CONF), Libc.MUSL);
    questions(operands.get(0), conf.search());
    if (operands.size() == 2) {
      String given = operands.get(1);
      resolver.resolve(given, r -> {
        if (!r.resolved()) {
          ctx.err("nslookup: bad address '" + given + "'\n");
          ctx.exit(1);
          return;
        }
        servers.add(r.first());
        serverNames.add(given);
        ask();
      });
    } else {
      servers.addAll(conf.nameservers());
      conf.nameservers().forEach(s -> serverNames.add(s.toString()));
      ask();
    }
  }

  /** One {@code -name[=value]} option; false after a usage error (the process has exited). */
  private boolean option(String arg) {
    int eq = arg.indexOf('=');
    String name = eq < 0 ? arg.substring(1) : arg.substring(1, eq);
    String value = eq < 0 ? "" : arg.substring(eq + 1);
    switch (name) {
      case "type", "querytype" -> {
        String type = value.toUpperCase(java.util.Locale.ROOT);
        if (!TYPES.contains(type)) {
          ctx.err("nslookup: invalid query type \"" + value + "\"\n");
          ctx.exit(1);
          return false;
        }
        types.add(type);
      }
      case "port" -> port = number(value, 1, 0xFFFF);
      case "retry" -> retry = number(value, 1, Integer.MAX_VALUE);
      case "t", "timeout" -> timeoutSeconds = number(value, 1, Integer.MAX_VALUE / 1000);
      case "debug" -> debug = true;
      default -> port = -1;
    }
    if (port < 0 || retry < 0 || timeoutSeconds < 0) {
      usage();
      return false;
    }
    return true;
  }

  /** xatou_range: a number in range, else -1 (reported as a usage error here; busybox words it "invalid number"). */
  private static int number(String text, int min, int max) {
    try {
      long n = Long.parseLong(text);
      return n >= min && n <= max ? (int) n : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void usage() {
    ctx.err(USAGE);
    ctx.exit(1);
  }

  /** The questions for {@code host}: PTR for an address, else each type asked, with the search domains for a dotless name. */
  private void questions(String host, List<String> search) {
    Optional<Name> reverse = reverse(host);
    if (types.isEmpty() && reverse.isPresent()) {
      add(reverse.get().toString(true), Type.PTR);
      return;
    }
    List<String> asked = types.isEmpty() ? List.of("A", "AAAA") : TYPES.stream().filter(types::contains).toList();
    for (String type : asked) {
      boolean searched = !type.equals("PTR") && !search.isEmpty() && !host.contains(".");
      for (String name : searched ? search.stream().map(d -> host + "." + d).toList() : List.of(host)) {
        add(name, Type.value(type));
      }
    }
  }

  private static Optional<Name> reverse(String host) {
    try {
      return Optional.of(org.xbill.DNS.ReverseMap.fromAddress(host));
    } catch (java.net.UnknownHostException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** A question; busybox gives them consecutive IDs so that their answers never mix up. */
  private void add(String name, int type) {
    Optional<Message> q = DnsWire.query(name, type);
    if (q.isEmpty()) {
      return; // res_mkquery refuses the name: busybox asks nothing for it
    }
    if (!questions.isEmpty()) {
      q.get().getHeader().setID((questions.get(0).getHeader().getID() + questions.size()) & 0xFFFF);
    }
    names.add(name);
    questions.add(q.get());
  }

  /** Asks every question of the current server; what it says is printed as it comes. */
  private void ask() {
    answered = new boolean[questions.size()];
    replies = 0;
    askedAt = System.nanoTime();
    resolver.own(ParallelQueries.start(ctx, resolver.timers(), List.of(servers.get(server)), port, questions,
        new ParallelQueries.Policy(Duration.ofSeconds(timeoutSeconds), retry, true, false), new ParallelQueries.Listener() {
          @Override
          public void answered(int question, Message reply, Ipv4Address from) {
            print(question, reply);
          }

          @Override
          public void done() {
            serverDone();
          }
        }));
  }

  private void print(int question, Message reply) {
    if (replies++ == 0) {
      ctx.out("Server:\t\t" + serverNames.get(server) + "\nAddress:\t" + servers.get(server) + ":" + port + "\n\n");
    }
    answered[question] = true;
    if (debug) {
      ctx.out("Query #" + question + " completed in " + (System.nanoTime() - askedAt) / 1_000_000 + "ms:\n");
    }
    if (reply.getRcode() != 0) {
      status = 1;
    }
    ctx.out(NslookupReply.format(reply, names.get(question), debug));
  }

  /** A server answered something (the others are not asked), or nothing: then the next one, if any. */
  private void serverDone() {
    if (replies == 0 && ++server < servers.size()) {
      ask();
      return;
    }
    if (replies == 0) {
      ctx.out(";; connection timed out; no servers could be reached\n\n");
      ctx.exit(1);
      return;
    }
    boolean missing = false;
    for (int i = 0; i < questions.size(); i++) {
      if (!answered[i]) {
        ctx.out("*** Can't find " + names.get(i) + ": No answer\n");
        missing = true;
      }
    }
    if (missing) {
      ctx.out("\n");
    }
    ctx.exit(status);
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
