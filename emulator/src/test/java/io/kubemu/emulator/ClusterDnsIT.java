package io.kubemu.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Cluster DNS as a user meets it, on two host JVMs: the CoreDNS add-on's pods answer lookups that
 * pods make over the emulated network (busybox nslookup and wget, dig in a dnsutils pod), a real
 * DNS client on the host port over UDP and TCP, names outside the cluster forwarded to the
 * emulated upstream, and a CoreDNS replica deleted while queries keep coming.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterDnsIT {
  static Path home;
  static Cli cli;
  static int dnsPort;
  static String webIp;

  @BeforeAll
  static void up() throws Exception {
    home = Files.createTempDirectory("kubemu-dns-it-");
    cli = new Cli(home);
    Cli.Result r = cli.run("up", "--hosts", "2", "--nodes", "3");
    assertEquals(0, r.exit(), r.toString());
    Cli.Result applied = cli.run("apply", "-f", Cli.repo().resolve("examples/two-pods.yaml").toString(),
        "-f", Cli.repo().resolve("examples/web.yaml").toString(), "-f", Cli.repo().resolve("examples/dns.yaml").toString());
    assertEquals(0, applied.exit(), applied.toString());
    dnsPort = dnsPort();
    webIp = cli.json("get", "svc", "web", "-o", "json").path("spec").path("clusterIP").asText();
    // ready when the host port answers for web and the pods the tests exec into run
    for (int i = 0; i < 200; i++) {
      if (answers(query("web.default.svc.cluster.local", Type.A, false)).equals(List.of(webIp))
          && cli.run("exec", "dnsutils", "--", "true").exit() == 0 && cli.run("exec", "client", "--", "true").exit() == 0) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("the cluster DNS never answered for web (" + webIp + ") on port " + dnsPort);
  }

  @AfterAll
  static void down() {
    Cli.Result r = cli.run("down");
    assertEquals(0, r.exit(), r.toString());
  }

  private static int dnsPort() throws Exception {
    for (int i = 0; i < 100; i++) {
      for (JsonNode e : cli.json("status", "-o", "json").path("endpoints")) {
        if (e.path("name").asText().startsWith("dns ") && e.path("url").asText().startsWith("udp://")) {
          String url = e.path("url").asText();
          return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError("status never listed the cluster DNS port");
  }

  /** A real DNS client (dnsjava) on the host, to the cluster DNS port on 127.0.0.1. */
  private static Message query(String name, int type, boolean tcp) {
    try {
      SimpleResolver resolver = new SimpleResolver(InetAddress.getLoopbackAddress());
      resolver.setPort(dnsPort);
      resolver.setTCP(tcp);
      resolver.setTimeout(Duration.ofSeconds(2));
      return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), type, DClass.IN)));
    } catch (IOException e) {
      return null; // no answer in time
    }
  }

  private static List<String> answers(Message m) {
    List<String> out = new ArrayList<>();
    if (m != null) {
      for (Record r : m.getSection(Section.ANSWER)) {
        out.add(r instanceof ARecord a ? a.getAddress().getHostAddress() : r.rdataToString());
      }
    }
    return out;
  }

  @Test
  @Order(1)
  void aRealClientOnTheHostPortGetsAnswersOverUdpAndTcp() {
    Message udp = query("WEB.default.svc.cluster.local", Type.A, false);
    assertEquals(Rcode.NOERROR, udp.getRcode());
    assertEquals("WEB.default.svc.cluster.local.", udp.getSection(Section.ANSWER).get(0).getName().toString(),
        "matched case-insensitively, answered as asked");
    assertEquals(5, udp.getSection(Section.ANSWER).get(0).getTTL());
    assertEquals(List.of(webIp), answers(query("web.default.svc.cluster.local", Type.A, true)));
    assertEquals(List.of("0 100 80 web.default.svc.cluster.local."), answers(query("_http._tcp.web.default.svc.cluster.local",
        Type.SRV, false)));
    assertEquals("1.1.0", answers(query("dns-version.cluster.local", Type.TXT, false)).get(0).replace("\"", ""));
    Message missing = query("nope.default.svc.cluster.local", Type.A, false);
    assertEquals(Rcode.NXDOMAIN, missing.getRcode());
    assertEquals(Type.SOA, missing.getSection(Section.AUTHORITY).get(0).getType());
    assertEquals(List.of("203.0.113.10"), answers(query("www.example.com", Type.A, false)),
        "forwarded to the emulated upstream among the external hosts");
  }

  @Test
  @Order(2)
  void podsResolveThroughTheNetworkAcrossJvms() {
    Cli.Result resolv = cli.run("exec", "client", "--", "cat", "/etc/resolv.conf");
    assertEquals("search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
        resolv.out());
    Cli.Result nslookup = cli.run("exec", "client", "--", "nslookup", "web");
    assertTrue(nslookup.out().contains("Name:\tweb.default.svc.cluster.local\nAddress: " + webIp + "\n"), nslookup.toString());
    Cli.Result wget = cli.run("exec", "client", "--", "wget", "-qO-", "http://web.default.svc.cluster.local");
    assertEquals(0, wget.exit(), wget.toString());
    assertTrue(wget.out().contains("Served by pod web-"), wget.out());
    Cli.Result srv = cli.run("exec", "dnsutils", "--", "dig", "+short", "_http._tcp.web.default.svc.cluster.local", "SRV");
    assertEquals("0 100 80 web.default.svc.cluster.local.\n", srv.out(), srv.toString());
    Cli.Result cname = cli.run("exec", "dnsutils", "--", "dig", "+short", "search.default.svc.cluster.local");
    assertTrue(cname.out().startsWith("www.example.com.\n"), cname.toString());
    Cli.Result ptr = cli.run("exec", "dnsutils", "--", "dig", "-x", "10.96.0.10", "+short");
    assertEquals("kube-dns.kube-system.svc.cluster.local.\n", ptr.out(), ptr.toString());
  }

  @Test
  @Order(3)
  void aHeadlessServiceNamesItsReadyPods() throws Exception {
    Set<String> db = new TreeSet<>();
    for (int i = 0; i < 100 && db.size() < 2; i++) {
      db = new TreeSet<>(answers(query("db.default.svc.cluster.local", Type.A, false)));
      Thread.sleep(200);
    }
    assertEquals(2, db.size(), "both StatefulSet pods once ready: " + db);
    String db0 = cli.json("get", "pod", "db-0", "-o", "json").path("status").path("podIP").asText();
    assertEquals(List.of(db0), answers(query("db-0.db.default.svc.cluster.local", Type.A, false)));
  }

  @Test
  @Order(4)
  void deletingACoreDnsReplicaLeavesDnsAnswering() throws Exception {
    List<String> replicas = new ArrayList<>();
    for (JsonNode p : cli.json("get", "pods", "-n", "kube-system", "-o", "json").path("items")) {
      if ("kube-dns".equals(p.path("metadata").path("labels").path("k8s-app").asText())) {
        replicas.add(p.path("metadata").path("name").asText());
      }
    }
    assertEquals(2, replicas.size(), replicas.toString());
    Cli.Result deleted = cli.run("delete", "pod", replicas.get(0), "-n", "kube-system");
    assertEquals(0, deleted.exit(), deleted.toString());
    int answered = 0;
    for (int i = 0; i < 40; i++) {
      if (answers(query("web.default.svc.cluster.local", Type.A, false)).equals(List.of(webIp))) {
        answered++;
      }
      Thread.sleep(100);
    }
    assertEquals(40, answered, "every query answered while a replica went away");
    Set<String> now = new TreeSet<>();
    for (int i = 0; i < 100 && (now.size() < 2 || now.contains(replicas.get(0))); i++) {
      now.clear();
      for (JsonNode p : cli.json("get", "pods", "-n", "kube-system", "-o", "json").path("items")) {
        if ("kube-dns".equals(p.path("metadata").path("labels").path("k8s-app").asText())
            && "Running".equals(p.path("status").path("phase").asText())) {
          now.add(p.path("metadata").path("name").asText());
        }
      }
      Thread.sleep(200);
    }
    assertEquals(2, now.size(), "the Deployment replaced it: " + now);
    assertTrue(!now.contains(replicas.get(0)), now.toString());
  }
}
