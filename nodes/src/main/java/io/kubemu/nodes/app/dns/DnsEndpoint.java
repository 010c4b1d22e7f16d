package io.kubemu.nodes.app.dns;

import io.kubemu.nodes.app.AppContext;
import io.kubemu.nodes.stack.Datagram;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

/**
 * The listening side of a DNS server in a pod: UDP and TCP on its ports, real DNS messages in and
 * out. Each datagram, or each length-prefixed message on a TCP connection (several per connection,
 * answered as they complete), is checked ({@link DnsQueries}); an accepted query goes to the
 * {@link DnsResponder}, whose reply is sized for the transport and sent back. Nothing a client
 * sends can stop the server: bad bytes are answered with an error or dropped, and counted, and a
 * responder that throws makes a SERVFAIL (counted as CoreDNS counts its recovered panics). A TCP
 * connection idle for {@link #TCP_IDLE} is closed.
 */
public final class DnsEndpoint {
  /** Hears each reply sent: to which request, what, and how many bytes. */
  @FunctionalInterface
  public interface Listener {
    void answered(DnsRequest request, Message reply, int bytes);
  }

  static final Duration TCP_IDLE = Duration.ofSeconds(8);
  private static final String IDLE = "dns-tcp-idle:";
  /** IPv4 and UDP headers: what a datagram adds to the DNS message on the link. */
  private static final int UDP_OVERHEAD = 28;

  private final AppContext ctx;
  private final DnsResponder responder;
  private final DnsMetrics metrics;
  private final Listener listener;
  private final Map<String, Connection> connections = new HashMap<>();
  private long nextConnection = 1;

  public DnsEndpoint(AppContext ctx, DnsResponder responder, DnsMetrics metrics, Listener listener) {
    this.ctx = ctx;
    this.responder = responder;
    this.metrics = metrics;
    this.listener = listener;
  }

  /** Listens on {@code port} over UDP and TCP; false when either is taken. */
  public boolean listen(int port) {
    return ctx.bindUdp(port, d -> datagram(port, d)) >= 0
        && ctx.listenTcp(port, 128, s -> new Connection(port, s, IDLE + nextConnection++));
  }

  /** Handles this endpoint's timers; false for a key that is not one of them. */
  public boolean onTimer(String key) {
    Connection c = connections.remove(key);
    if (c == null) {
      return key.startsWith(IDLE);
    }
    c.socket.close();
    return true;
  }

  private void datagram(int port, Datagram d) {
    int linkLimit = ctx.net().eth0().mtu() - UDP_OVERHEAD;
    accept(d.payload(), port, false, d.source(), d.sourcePort(), linkLimit, bytes -> {
      String problem = ctx.net().sendUdp(port, d.source(), d.sourcePort(), bytes);
      if (problem != null) {
        metrics.inc("dns_dropped_total", "reason", "send failed: " + problem);
      }
    });
  }

  /** Answers, or will answer, through {@code send}; false when the message is dropped. */
  private boolean accept(byte[] wire, int port, boolean tcp, Ipv4Address client, int clientPort, int linkLimit,
      Consumer<byte[]> send) {
    DnsQueries.Parsed parsed = DnsQueries.parse(wire);
    if (parsed.dropReason() != null) {
      metrics.inc("dns_dropped_total", "reason", parsed.dropReason());
      return false;
    }
    if (parsed.error() != null) {
      metrics.inc("dns_malformed_total", "rcode", Rcode.string(parsed.error().getRcode()));
      byte[] bytes = parsed.error().toWire(512);
      metrics.inc("dns_responses_total", "rcode", Rcode.string(parsed.error().getRcode()));
      send.accept(bytes);
      return true;
    }
    Message query = parsed.query();
    int maxSize = tcp ? 0xFFFF : DnsQueries.udpLimit(query, linkLimit);
    DnsRequest request = new DnsRequest(query, port, tcp, client, clientPort, maxSize, System.nanoTime());
    metrics.inc("dns_requests_total", "proto", request.proto(), "type", Type.string(query.getQuestion().getType()));
    boolean[] replied = {false};
    Consumer<Message> reply = m -> {
      if (!replied[0]) {
        replied[0] = true;
        byte[] bytes = DnsQueries.wire(request, m);
        metrics.inc("dns_responses_total", "rcode", Rcode.string(m.getRcode()));
        listener.answered(request, m, bytes.length);
        send.accept(bytes);
      }
    };
    try {
      responder.respond(request, reply);
    } catch (RuntimeException bug) {
      metrics.inc("panics_total");
      reply.accept(DnsReplies.failure(query, Rcode.SERVFAIL));
    }
    return true;
  }

  /** One accepted TCP connection: framed queries in, framed answers out, closed when idle. */
  private final class Connection implements TcpHandler {
    private final int port;
    private final TcpSocket socket;
    private final String timer;
    private final DnsFraming framing = new DnsFraming();
    private int unanswered;
    private boolean ended;

    Connection(int port, TcpSocket socket, String timer) {
      this.port = port;
      this.socket = socket;
      this.timer = timer;
      idle();
    }

    @Override
    public void onData(TcpSocket s, byte[] data) {
      idle();
      for (byte[] message : framing.feed(data)) {
        unanswered++;
        if (!accept(message, port, true, s.remoteAddress(), s.remotePort(), 0xFFFF, this::send)) {
          unanswered--;
        }
      }
    }

    private void send(byte[] bytes) {
      unanswered--;
      if (!socket.write(DnsFraming.frame(bytes))) {
        socket.abort();
        return;
      }
      idle();
      if (ended && unanswered == 0) {
        socket.close();
      }
    }

    /** The client is done sending: answer what it asked, then close. */
    @Override
    public void onEndOfStream(TcpSocket s) {
      ended = true;
      if (unanswered == 0) {
        s.close();
      }
    }

    @Override
    public void onClosed(TcpSocket s, String error) {
      connections.remove(timer);
      ctx.cancel(timer);
    }

    private void idle() {
      connections.put(timer, this);
      ctx.cancel(timer);
      ctx.schedule(timer, TCP_IDLE);
    }
  }
}
