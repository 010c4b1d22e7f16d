package io.kubemu.nodes.app.dns.resolver;

import io.kubemu.nodes.app.App;
import io.kubemu.nodes.app.AppContext;
import io.kubemu.nodes.stack.Datagram;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A scripted authoritative DNS server for tests, on UDP and TCP port 53 of its pod: it answers from
 * the records it was given (NXDOMAIN with the zone's SOA for a name it has none of, NOERROR and no
 * answer for a name without the type asked), keeps a log of every question ({@code "udp A
 * web.default.svc.cluster.local."}), and can be told to stay silent, to answer SERVFAIL, or to
 * truncate UDP answers beyond a size, so that clients fall back to TCP. A question with EDNS gets
 * an OPT record back.
 */
public final class FakeDnsServer implements App {
  private final Map<Name, List<Record>> records = new HashMap<>();
  private final List<String> log = new ArrayList<>();
  private final Name zone;
  private AppContext ctx;
  private boolean silent;
  private boolean authoritative = true;
  private int rcode = -1;
  private int udpLimit = 512;

  /** The resolv.conf the kubelet writes for a ClusterFirst pod of namespace default, with {@code nameserver} as the cluster DNS. */
  public static String clusterFirst(String nameserver) {
    return "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver " + nameserver + "\noptions ndots:5\n";
  }

  /** A server authoritative for {@code zone} (e.g. "cluster.local."), its SOA in every negative answer. */
  public FakeDnsServer(String zone) {
    this.zone = name(zone);
  }

  /** Adds a record in presentation form: {@code "web.default.svc.cluster.local. 30 IN A 10.96.0.20"}. */
  public FakeDnsServer record(String text) {
    try {
      String[] f = text.split("\\s+", 5);
      Record r = Record.fromString(name(f[0]), Type.value(f[3]), DClass.IN, Long.parseLong(f[1]), f[4], Name.root);
      records.computeIfAbsent(r.getName(), k -> new ArrayList<>()).add(r);
      return this;
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("bad record: " + text, e);
    }
  }

  /** From now on questions are logged and never answered. */
  public FakeDnsServer silent(boolean silent) {
    this.silent = silent;
    return this;
  }

  /** Whether answers carry AA (a zone's own server) or not (a recursive resolver passing answers on). */
  public FakeDnsServer authoritative(boolean authoritative) {
    this.authoritative = authoritative;
    return this;
  }

  /** From now on every answer has this rcode and no records (e.g. {@link Rcode#SERVFAIL}). */
  public FakeDnsServer failWith(int rcode) {
    this.rcode = rcode;
    return this;
  }

  /** UDP answers longer than {@code bytes} are cut there with TC set (512 without EDNS, as RFC 1035 says). */
  public FakeDnsServer udpLimit(int bytes) {
    this.udpLimit = bytes;
    return this;
  }

  /** Every question so far, as "transport TYPE name", in the order they came. */
  public List<String> log() {
    return List.copyOf(log);
  }

  @Override
  public void start(AppContext ctx) {
    this.ctx = ctx;
    ctx.bindUdp(53, this::onDatagram);
    ctx.listenTcp(53, 16, socket -> new TcpConnection());
  }

  private void onDatagram(Datagram d) {
    answer("udp", d.payload()).ifPresent(a ->
        ctx.net().sendUdp(53, d.source(), d.sourcePort(), a.toWire(Math.max(udpLimit, 12))));
  }

  private Optional<Message> answer(String transport, byte[] bytes) {
    Optional<Message> parsed = DnsWire.parse(bytes);
    if (parsed.isEmpty() || parsed.get().getQuestion() == null) {
      return Optional.empty();
    }
    Message query = parsed.get();
    Record q = query.getQuestion();
    log.add(transport + " " + Type.string(q.getType()) + " " + q.getName());
    if (silent) {
      return Optional.empty();
    }
    Message a = new Message(query.getHeader().getID());
    a.getHeader().setFlag(Flags.QR);
    if (authoritative) {
      a.getHeader().setFlag(Flags.AA);
    }
    if (query.getHeader().getFlag(Flags.RD)) {
      a.getHeader().setFlag(Flags.RD);
    }
    a.addRecord(q, Section.QUESTION);
    List<Record> owned = records.get(q.getName());
    if (rcode >= 0) {
      a.getHeader().setRcode(rcode);
    } else if (owned == null) {
      a.getHeader().setRcode(Rcode.NXDOMAIN);
      a.addRecord(soa(), Section.AUTHORITY);
    } else {
      owned.stream().filter(r -> r.getType() == q.getType() || q.getType() == Type.ANY).forEach(r -> a.addRecord(r, Section.ANSWER));
      if (a.getSection(Section.ANSWER).isEmpty()) {
        a.addRecord(soa(), Section.AUTHORITY);
      }
    }
    if (query.getOPT() != null) {
      a.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL); // EDNS asked, EDNS answered, with CoreDNS's buffer
    }
    return Optional.of(a);
  }

  private SOARecord soa() {
    return new SOARecord(zone, DClass.IN, 30, name("ns.dns." + zone), name("hostmaster." + zone), 1700000000L, 7200, 1800,
        86400, 30);
  }

  private static Name name(String text) {
    try {
      return Name.fromString(text.endsWith(".") ? text : text + ".");
    } catch (TextParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** One client's TCP connection: length-prefixed questions, each answered whole. */
  private final class TcpConnection implements TcpHandler {
    private final ByteArrayOutputStream in = new ByteArrayOutputStream();

    @Override
    public void onData(TcpSocket s, byte[] data) {
      in.writeBytes(data);
      byte[] all = in.toByteArray();
      while (all.length >= 2 && all.length >= 2 + (((all[0] & 0xFF) << 8) | (all[1] & 0xFF))) {
        int length = ((all[0] & 0xFF) << 8) | (all[1] & 0xFF);
        byte[] body = java.util.Arrays.copyOfRange(all, 2, 2 + length);
        answer("tcp", body).ifPresent(a -> s.write(DnsWire.framed(a)));
        all = java.util.Arrays.copyOfRange(all, 2 + length, all.length);
      }
      in.reset();
      in.writeBytes(all);
    }

    @Override
    public void onEndOfStream(TcpSocket s) {
      s.close();
    }
  }
}
