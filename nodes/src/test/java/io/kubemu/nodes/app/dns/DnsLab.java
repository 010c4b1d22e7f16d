package io.kubemu.nodes.app.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubemu.nodes.app.ClusterView;
import io.kubemu.nodes.app.FakeAppContext;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.nodes.proxy.TwoNodeCluster;
import io.kubemu.nodes.stack.Datagram;
import io.kubemu.nodes.stack.PodStack;
import io.kubemu.nodes.tcp.TcpHandler;
import io.kubemu.nodes.tcp.TcpSocket;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.http.HttpLimits;
import io.kubemu.protocols.http.HttpResponse;
import io.kubemu.protocols.http.HttpResponseParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Message;

/**
 * CoreDNS in a two-node cluster, with real packets: the CoreDNS pod (10.244.0.2 on w1) behind the
 * kube-dns Service 10.96.0.10 (kube-proxy in iptables mode), a client pod on w2 (10.244.1.3), and
 * an upstream nameserver pod on w1 (10.244.0.5, the authoritative server for example.com) that
 * CoreDNS forwards to. Queries are dnsjava messages sent over the client's sockets.
 */
final class DnsLab {
  static final Ipv4Address KUBE_DNS = Ipv4Address.parse("10.96.0.10");
  static final Ipv4Address UPSTREAM = Ipv4Address.parse("10.244.0.5");
  static final Ipv4Address COREDNS = Ipv4Address.parse(DnsFixtures.COREDNS_POD);

  final TwoNodeCluster net = new TwoNodeCluster("iptables").peered();
  final PodStack corednsPod = net.pod(net.w1, "veth-w1-dns", DnsFixtures.COREDNS_POD, 0xD1);
  final PodStack upstreamPod = net.pod(net.w1, "veth-w1-ns", UPSTREAM.toString(), 0xD5);
  final PodStack client = net.pod(net.w2, "veth-w2-client", "10.244.1.3", 0xC3);
  final AuthoritativeDns upstreamApp = new AuthoritativeDns();
  final FakeAppContext upstream = new FakeAppContext(upstreamPod, "/dns-server", "-zone=example.com",
      "-record=example.com=203.0.113.10", "-record=www.example.com=203.0.113.10").start(upstreamApp);
  FakeAppContext coredns;
  CoreDns app;
  private final List<Datagram> received = new ArrayList<>();
  private final int clientPort = client.bindUdp(0, received::add);

  DnsLab() {
    kubeProxy(DnsFixtures.services(), DnsFixtures.slices());
  }

  /** Both nodes' kube-proxies program {@code services}. */
  DnsLab kubeProxy(List<Service> services, List<EndpointSlice> slices) {
    net.sync(ProxyState.from(services, slices));
    return this;
  }

  /**
   * Starts CoreDNS as the addon's Deployment runs it, with {@code view} known (null: not yet) and,
   * as dnsPolicy Default gives it, a resolv.conf naming the upstream.
   */
  FakeAppContext start(ClusterView view, String... args) {
    List<String> argv = new ArrayList<>(List.of("/coredns"));
    argv.addAll(args.length == 0 ? List.of("-conf", "/etc/coredns/Corefile") : List.of(args));
    coredns = new FakeAppContext(corednsPod, argv.toArray(String[]::new)).hostname("coredns-7db6d8ff4d-x2x9p")
        .file("/etc/resolv.conf", "nameserver " + UPSTREAM + "\n");
    if (view != null) {
      coredns.cluster(view);
    }
    app = new CoreDns();
    coredns.start(app);
    net.pump();
    return coredns;
  }

  /** Sends raw bytes from the client to {@code to}:53 over UDP; returns every datagram that came back. */
  List<Datagram> udpRaw(Ipv4Address to, byte[] payload) {
    return udpRaw(to, 53, payload);
  }

  List<Datagram> udpRaw(Ipv4Address to, int port, byte[] payload) {
    received.clear();
    assertEquals(null, client.sendUdp(clientPort, to, port, payload));
    net.pump();
    return List.copyOf(received);
  }

  /** A query over UDP to kube-dns; the one answer, whose source must be the Service's address. */
  Message udp(Message query) {
    List<Datagram> replies = udpRaw(KUBE_DNS, query.toWire());
    assertEquals(1, replies.size(), "one answer per query");
    assertEquals(KUBE_DNS, replies.get(0).source(), "the answer comes back from the Service's address");
    assertEquals(53, replies.get(0).sourcePort());
    return parse(replies.get(0).payload());
  }

  /** Queries on one TCP connection to {@code to}:53, written at once; the answers in the order they came. */
  List<Message> tcp(Ipv4Address to, Message... queries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Message q : queries) {
      out.writeBytes(DnsFraming.frame(q.toWire()));
    }
    List<Message> answers = new ArrayList<>();
    DnsFraming framing = new DnsFraming();
    client.tcp().connect(to, 53, new TcpHandler() {
      @Override
      public void onConnected(TcpSocket s) {
        s.write(out.toByteArray());
      }

      @Override
      public void onData(TcpSocket s, byte[] data) {
        framing.feed(data).forEach(m -> answers.add(parse(m)));
        if (answers.size() == queries.length) {
          s.close();
        }
      }
    });
    net.pump();
    return answers;
  }

  /** GET {@code path} from the CoreDNS pod's {@code port}. */
  HttpResponse http(int port, String path) {
    HttpResponseParser parser = new HttpResponseParser("GET", HttpLimits.DEFAULT);
    HttpResponse[] response = {null};
    client.tcp().connect(COREDNS, port, new TcpHandler() {
      @Override
      public void onConnected(TcpSocket s) {
        s.write(("GET " + path + " HTTP/1.1\r\nHost: " + COREDNS + ":" + port + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      }

      @Override
      public void onData(TcpSocket s, byte[] data) {
        parser.feed(data);
        parser.next().ifPresent(r -> {
          response[0] = r;
          s.close();
        });
      }
    });
    net.pump();
    return response[0];
  }

  static Message parse(byte[] wire) {
    try {
      return new Message(wire);
    } catch (IOException e) {
      throw new UncheckedIOException("an answer that does not parse", e);
    }
  }
}
