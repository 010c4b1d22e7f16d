package io.kubemu.nodes.app.dns;

import static io.kubemu.nodes.app.dns.DnsFixtures.answer;
import static io.kubemu.nodes.app.dns.DnsFixtures.cluster;
import static io.kubemu.nodes.app.dns.DnsFixtures.query;
import static io.kubemu.nodes.app.dns.DnsLab.KUBE_DNS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.stack.Datagram;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * What no client can do to CoreDNS: bad messages get FORMERR (the header was readable), NOTIMP or
 * BADVERS, or are dropped; each is counted; the server keeps answering, over UDP and on the same
 * TCP connection.
 */
class CoreDnsHostileInputTest {
  private final DnsLab lab = new DnsLab();

  @BeforeEach
  void start() {
    lab.start(cluster());
  }

  /** A header with this ID, flags and counts, then {@code body}. */
  private static byte[] message(int id, int flags, int qd, int an, int ns, int ar, byte[] body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int v : new int[] {id, flags, qd, an, ns, ar}) {
      out.write(v >>> 8);
      out.write(v & 0xFF);
    }
    out.writeBytes(body);
    return out.toByteArray();
  }

  private Message only(List<Datagram> replies) {
    assertEquals(1, replies.size());
    return DnsLab.parse(replies.get(0).payload());
  }

  @Test
  void aNameThatPointsAtItselfIsFormerrWithTheQueryId() {
    // Question name: a compression pointer to offset 12, itself. Then QTYPE A, QCLASS IN.
    byte[] loop = message(0x4242, 0x0100, 1, 0, 0, 0, new byte[] {(byte) 0xC0, 12, 0, 1, 0, 1});
    Message reply = only(lab.udpRaw(KUBE_DNS, loop));
    assertEquals(0x4242, reply.getHeader().getID());
    assertEquals(Rcode.FORMERR, reply.getRcode());
    assertTrue(reply.getHeader().getFlag(Flags.QR));
    assertEquals(1, lab.app.metrics().get("dns_malformed_total", "rcode", "FORMERR"));
  }

  @Test
  void aNameLongerThan255BytesIsFormerr() {
    ByteArrayOutputStream name = new ByteArrayOutputStream();
    for (int i = 0; i < 5; i++) {
      name.write(63);
      name.writeBytes("a".repeat(63).getBytes());
    }
    name.write(0);
    name.writeBytes(new byte[] {0, 1, 0, 1});
    assertEquals(Rcode.FORMERR, only(lab.udpRaw(KUBE_DNS, message(7, 0x0100, 1, 0, 0, 0, name.toByteArray()))).getRcode());
  }

  @Test
  void headersNoQueryHasAreFormerrOtherOpcodesNotimpAndOtherEdnsVersionsBadvers() {
    byte[] question = query("web.default.svc.cluster.local", "A").toWire();
    byte[] body = java.util.Arrays.copyOfRange(question, 12, question.length);
    assertEquals(Rcode.FORMERR, only(lab.udpRaw(KUBE_DNS, message(1, 0x0100, 0, 0, 0, 0, new byte[0]))).getRcode());
    assertEquals(Rcode.FORMERR, only(lab.udpRaw(KUBE_DNS, message(2, 0x0100, 2, 0, 0, 0, body))).getRcode());
    assertEquals(Rcode.FORMERR, only(lab.udpRaw(KUBE_DNS, message(3, 0x0100, 1, 0, 0, 3, body))).getRcode());
    assertEquals(Rcode.NOTIMP, only(lab.udpRaw(KUBE_DNS, message(4, 0x1000, 1, 0, 0, 0, body))).getRcode(), "opcode STATUS");
    Message q = query("web.default.svc.cluster.local", "A");
    q.addRecord(new OPTRecord(1232, 0, 1), Section.ADDITIONAL);
    Message badvers = only(lab.udpRaw(KUBE_DNS, q.toWire()));
    assertEquals(Rcode.BADVERS, badvers.getRcode());
    assertEquals(List.of(), answer(badvers));
  }

  @Test
  void responsesAndScrapsAreDroppedAndCounted() {
    Message answerToNobody = query("web.default.svc.cluster.local", "A");
    answerToNobody.getHeader().setFlag(Flags.QR);
    assertEquals(List.of(), lab.udpRaw(KUBE_DNS, answerToNobody.toWire()));
    assertEquals(List.of(), lab.udpRaw(KUBE_DNS, new byte[] {1, 2, 3, 4, 5}));
    assertEquals(List.of(), lab.udpRaw(KUBE_DNS, new byte[0]));
    assertEquals(1, lab.app.metrics().get("dns_dropped_total", "reason", "response"));
    assertEquals(2, lab.app.metrics().get("dns_dropped_total", "reason", "short"));
  }

  @Test
  void garbageOnATcpConnectionGetsFormerrAndTheNextQueryItsAnswer() {
    byte[] garbage = message(9, 0x0100, 1, 0, 0, 0, new byte[] {5, 'h', 'e'});
    Message q = query("web.default.svc.cluster.local", "A");
    List<Message> replies = lab.tcp(KUBE_DNS, DnsLab.parse(message(9, 0x0100, 0, 0, 0, 0, new byte[0])), q);
    assertEquals(2, replies.size());
    assertEquals(Rcode.FORMERR, replies.get(0).getRcode(), "a query without a question");
    assertEquals(List.of("web.default.svc.cluster.local. 5 A 10.96.0.31"), answer(replies.get(1)));
    assertEquals(Rcode.FORMERR, only(lab.udpRaw(KUBE_DNS, garbage)).getRcode(), "a name cut short");
  }

  @Test
  void randomAndMangledDatagramsNeverStopTheServerAndEachIsAccountedFor() {
    Random random = new Random(0x5EED);
    byte[] valid = query("web.default.svc.cluster.local", "SRV").toWire();
    int sent = 2000;
    for (int i = 0; i < sent; i++) {
      byte[] bytes;
      if (i % 2 == 0) {
        bytes = new byte[random.nextInt(600)];
        random.nextBytes(bytes);
      } else {
        bytes = java.util.Arrays.copyOf(valid, 1 + random.nextInt(valid.length));
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255));
        }
      }
      for (Datagram reply : lab.udpRaw(KUBE_DNS, bytes)) {
        assertTrue(DnsLab.parse(reply.payload()).getHeader().getFlag(Flags.QR), "whatever comes back is a DNS response");
      }
    }
    DnsMetrics m = lab.app.metrics();
    assertNull(lab.coredns.status(), "still running");
    assertEquals(0, m.total("panics_total"));
    assertEquals(sent, m.total("dns_requests_total") + m.total("dns_malformed_total") + m.total("dns_dropped_total"));
    assertTrue(m.total("dns_malformed_total") > 100, "mangled queries are mostly FORMERR: " + m.render());
    assertTrue(m.total("dns_dropped_total") > 100, "random bytes are often responses or scraps: " + m.render());
    assertEquals(List.of("web.default.svc.cluster.local. 5 A 10.96.0.31"), answer(lab.udp(query("web.default.svc.cluster.local",
        "A"))));
  }
}
