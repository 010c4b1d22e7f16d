package io.kubemu.nodes.app.dns.resolver;

import io.kubemu.nodes.app.AppContext;
import io.kubemu.nodes.pod.PodFiles;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * getaddrinfo(3) for IPv4 inside a pod, without blocking: an address literal is itself; then
 * {@code /etc/hosts}; then DNS, name after name as {@link Libc} orders them, each asked of the
 * resolv.conf nameservers over the pod's own UDP sockets (TCP when an answer comes truncated).
 * Only A records are asked: a real getaddrinfo with AF_UNSPEC asks AAAA beside each, which
 * kubemu's IPv4-only pods could not use. The result comes on the pod's thread, at once for a
 * literal or a hosts entry; the program hands its timers to {@link #onTimer}.
 */
public final class StubResolver {
  /** The longest name getaddrinfo takes (a DNS name's 253 characters and its final dot). */
  private static final int MAX_NAME = 254;

  private final AppContext ctx;
  private final Libc libc;
  private final Timers timers;
  private Lookup lookup;
  private final List<Exchange> owned = new ArrayList<>();

  public StubResolver(AppContext ctx, Libc libc) {
    this.ctx = ctx;
    this.libc = libc;
    this.timers = new Timers(ctx, "resolver-");
  }

  /**
   * The resolver's timers, for a program that asks DNS questions of its own as well (dig,
   * nslookup): scheduled there, they too are run by {@link #onTimer}.
   */
  public Timers timers() {
    return timers;
  }

  /** Takes charge of a program's own questions: {@link #cancel} ends them with the resolver's lookup. */
  public <T extends Exchange> T own(T exchange) {
    owned.add(exchange);
    return exchange;
  }

  /** True when {@code key} was one of the resolver's timers (the program does nothing more with it). */
  public boolean onTimer(String key) {
    return timers.fire(key);
  }

  /** Resolves {@code host}; {@code done} hears the result once. One lookup at a time: a new one cancels the last. */
  public void resolve(String host, Consumer<Resolution> done) {
    cancelLookup();
    try {
      done.accept(Resolution.found(List.of(Ipv4Address.parse(host)), host));
      return;
    } catch (IllegalArgumentException e) {
      // not a literal: a name
    }
    if (host.isEmpty() || host.length() > MAX_NAME || host.endsWith("..")) {
      done.accept(Resolution.failed(Resolution.Failure.NONAME));
      return;
    }
    Optional<Resolution> fromHosts = ctx.readFile(PodFiles.HOSTS).flatMap(text -> HostsFile.lookup(text, host));
    if (fromHosts.isPresent()) {
      done.accept(fromHosts.get());
      return;
    }
    ResolvConf conf = ResolvConf.parse(ctx.readFile(PodFiles.RESOLV_CONF), libc);
    lookup = new Lookup(conf, libc.candidates(host, conf), done);
    lookup.next();
  }

  /** Drops the lookup under way, if any, and the questions owned: their sockets close, their callbacks are never called. */
  public void cancel() {
    cancelLookup();
    owned.forEach(Exchange::cancel);
    owned.clear();
  }

  private void cancelLookup() {
    if (lookup != null) {
      lookup.cancel();
      lookup = null;
    }
  }

  /** The DNS part of one getaddrinfo: the candidate names in turn until one has addresses or the libc gives up. */
  private final class Lookup {
    private final ResolvConf conf;
    private final List<String> names;
    private final Consumer<Resolution> done;
    private int index;
    private boolean sawNodata;
    private boolean sawServfail;
    private ParallelQueries parallel;
    private SequentialQuery sequential;
    private boolean over;

    Lookup(ResolvConf conf, List<String> names, Consumer<Resolution> done) {
      this.conf = conf;
      this.names = names;
      this.done = done;
    }

    void next() {
      if (index == names.size()) {
        finish(Resolution.failed(sawServfail && !sawNodata ? Resolution.Failure.AGAIN : Resolution.Failure.NONAME));
        return;
      }
      String name = names.get(index++);
      Optional<Message> query = DnsWire.query(name, Type.A);
      if (query.isEmpty()) {
        finish(Resolution.failed(Resolution.Failure.NONAME)); // res_mkquery refuses it: EAI_NONAME
        return;
      }
      if (libc == Libc.MUSL) {
        parallel = ParallelQueries.start(ctx, timers, conf.nameservers(), DnsWire.PORT, List.of(query.get()),
            ParallelQueries.Policy.musl(conf), new ParallelQueries.Listener() {
              private Message answer;

              @Override
              public void answered(int question, Message a, Ipv4Address server) {
                answer = a;
              }

              @Override
              public void done() {
                heard(name, answer);
              }
            });
      } else {
        sequential = SequentialQuery.start(ctx, timers, SequentialQuery.roundRobin(conf.nameservers(), conf.attempts()),
            DnsWire.PORT, query.get(), SequentialQuery.Policy.glibc(conf), new SequentialQuery.Listener() {
              @Override
              public void answered(Message a, Ipv4Address server, boolean tcp) {
                heard(name, a);
              }

              @Override
              public void failed(Message last) {
                heard(name, last);
              }
            });
      }
    }

    /** The answer for {@code name} (null for none in time): addresses end the lookup; else the libc says whether to go on. */
    private void heard(String name, Message answer) {
      if (over) {
        return;
      }
      Libc.Outcome outcome = outcome(answer);
      sawNodata |= outcome == Libc.Outcome.NODATA;
      sawServfail |= outcome == Libc.Outcome.SERVFAIL;
      if (outcome == Libc.Outcome.ADDRESSES) {
        finish(Resolution.found(addresses(answer), canonical(name, answer)));
      } else if (libc.movesOn(outcome)) {
        next();
      } else {
        finish(Resolution.failed(switch (outcome) {
          case TIMEOUT, SERVFAIL -> Resolution.Failure.AGAIN;
          case OTHER_RCODE -> Resolution.Failure.FAIL;
          default -> Resolution.Failure.NONAME;
        }));
      }
    }

    void cancel() {
      over = true;
      if (parallel != null) {
        parallel.cancel();
      }
      if (sequential != null) {
        sequential.cancel();
      }
    }

    private void finish(Resolution r) {
      if (!over) {
        over = true;
        lookup = null;
        done.accept(r);
      }
    }
  }

  private static Libc.Outcome outcome(Message answer) {
    if (answer == null) {
      return Libc.Outcome.TIMEOUT;
    }
    return switch (answer.getRcode()) {
      case Rcode.NOERROR -> addresses(answer).isEmpty() ? Libc.Outcome.NODATA : Libc.Outcome.ADDRESSES;
      case Rcode.NXDOMAIN -> Libc.Outcome.NXDOMAIN;
      case Rcode.SERVFAIL -> Libc.Outcome.SERVFAIL;
      default -> Libc.Outcome.OTHER_RCODE;
    };
  }

  /** Every A record of the answer section, whatever its owner (a CNAME chain's end among them), as musl's dns_parse takes them. */
  private static List<Ipv4Address> addresses(Message answer) {
    List<Ipv4Address> found = new ArrayList<>();
    for (Record r : answer.getSection(Section.ANSWER)) {
      if (r instanceof ARecord a) {
        found.add(Ipv4Address.parse(a.getAddress().getHostAddress()));
      }
    }
    return found;
  }

  /** The name asked, or the target of the answer's last CNAME. */
  private static String canonical(String asked, Message answer) {
    String name = asked;
    for (Record r : answer.getSection(Section.ANSWER)) {
      if (r instanceof CNAMERecord c) {
        name = c.getTarget().toString(true);
      }
    }
    return name;
  }
}
