package io.kubemu.nodes.conntrack;

import static io.kubemu.protocols.tcp.TcpSegment.ACK;
import static io.kubemu.protocols.tcp.TcpSegment.FIN;
import static io.kubemu.protocols.tcp.TcpSegment.RST;
import static io.kubemu.protocols.tcp.TcpSegment.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.ipv4.IpProtocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The connection tracking table: both-way lookup, NAT'ed reply tuples, TCP states, timeouts and the bound. */
class ConntrackTest {
  private static final Ipv4Address POD = Ipv4Address.parse("10.244.0.2");
  private static final Ipv4Address VIP = Ipv4Address.parse("10.96.0.20");
  private static final Ipv4Address EP = Ipv4Address.parse("10.244.1.3");
  private long now = 0;
  private final Conntrack table = new Conntrack(ConntrackConfig.KUBE_PROXY, () -> now);

  private static FlowTuple tcp(Ipv4Address s, int sp, Ipv4Address d, int dp) {
    return new FlowTuple(IpProtocol.TCP, s, sp, d, dp);
  }

  private ConntrackEntry dnat() {
    return table.create(tcp(POD, 40000, VIP, 80), tcp(EP, 8080, POD, 40000), SYN);
  }

  @Test
  void aReplyFindsTheEntryItsDnatMade() {
    ConntrackEntry e = dnat();
    assertTrue(e.dnat());
    assertFalse(e.snat());
    Conntrack.Match reply = table.lookup(tcp(EP, 8080, POD, 40000));
    assertEquals(e, reply.entry());
    assertFalse(reply.original());
    assertTrue(table.lookup(tcp(POD, 40000, VIP, 80)).original());
    assertNull(table.lookup(tcp(POD, 40001, VIP, 80)));
  }

  @Test
  void tcpStatesFollowTheHandshakeAndTheClose() {
    ConntrackEntry e = dnat();
    assertEquals(TrackState.SYN_SENT, e.state());
    table.seen(table.lookup(tcp(EP, 8080, POD, 40000)), SYN | ACK);
    assertEquals(TrackState.SYN_RECV, e.state());
    table.seen(table.lookup(tcp(POD, 40000, VIP, 80)), ACK);
    assertEquals(TrackState.ESTABLISHED, e.state());
    assertTrue(e.assured());
    table.seen(table.lookup(tcp(POD, 40000, VIP, 80)), FIN | ACK);
    assertEquals(TrackState.FIN_WAIT, e.state());
    table.seen(table.lookup(tcp(EP, 8080, POD, 40000)), ACK);
    assertEquals(TrackState.CLOSE_WAIT, e.state());
    table.seen(table.lookup(tcp(EP, 8080, POD, 40000)), FIN | ACK);
    assertEquals(TrackState.LAST_ACK, e.state());
    table.seen(table.lookup(tcp(POD, 40000, VIP, 80)), ACK);
    assertEquals(TrackState.TIME_WAIT, e.state());
    now += Duration.ofSeconds(119).toNanos();
    assertTrue(table.lookup(tcp(POD, 40000, VIP, 80)) != null);
    now += Duration.ofSeconds(120).toNanos();
    assertNull(table.lookup(tcp(POD, 40000, VIP, 80)), "TIME_WAIT lasts 120 s");
    assertEquals(0, table.size());
  }

  @Test
  void aResetClosesWithinTenSeconds() {
    dnat();
    table.seen(table.lookup(tcp(EP, 8080, POD, 40000)), RST | ACK);
    now += Duration.ofSeconds(11).toNanos();
    table.sweep();
    assertEquals(0, table.size());
    assertEquals(1, table.expired());
  }

  @Test
  void anUnansweredUdpFlowLasts30SecondsAndAStream120() {
    FlowTuple q = new FlowTuple(IpProtocol.UDP, POD, 5000, VIP, 53);
    table.create(q, new FlowTuple(IpProtocol.UDP, EP, 53, POD, 5000), 0);
    now += Duration.ofSeconds(31).toNanos();
    assertNull(table.lookup(q));
    table.create(q, new FlowTuple(IpProtocol.UDP, EP, 53, POD, 5000), 0);
    table.seen(table.lookup(new FlowTuple(IpProtocol.UDP, EP, 53, POD, 5000)), 0);
    table.seen(table.lookup(q), 0);
    now += Duration.ofSeconds(100).toNanos();
    assertTrue(table.lookup(q).entry().assured());
  }

  private Conntrack small() {
    return new Conntrack(new ConntrackConfig(2, Duration.ofSeconds(120), Duration.ofSeconds(60),
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1),
        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), () -> now);
  }

  private static void establish(Conntrack t, int port) {
    t.create(tcp(POD, port, VIP, 80), tcp(EP, 8080, POD, port), SYN);
    t.seen(t.lookup(tcp(EP, 8080, POD, port)), SYN | ACK);
    t.seen(t.lookup(tcp(POD, port, VIP, 80)), ACK);
  }

  @Test
  void aTableFullOfAnsweredFlowsRefusesNewOnesAndCountsThem() {
    Conntrack small = small();
    establish(small, 1);
    establish(small, 2);
    assertNull(small.create(tcp(POD, 3, VIP, 80), tcp(EP, 8080, POD, 3), SYN));
    assertEquals(2, small.size());
    assertEquals(1, small.insertFailed());
    now += Duration.ofSeconds(2).toNanos();
    assertTrue(small.create(tcp(POD, 9, VIP, 80), tcp(EP, 8080, POD, 9), SYN) != null, "expired entries make room");
  }

  @Test
  void aFullTableDropsTheOldestUnansweredFlowEarly() {
    Conntrack small = small();
    small.create(tcp(POD, 1, VIP, 80), tcp(EP, 8080, POD, 1), SYN);
    establish(small, 2);
    assertTrue(small.create(tcp(POD, 3, VIP, 80), tcp(EP, 8080, POD, 3), SYN) != null);
    assertNull(small.lookup(tcp(POD, 1, VIP, 80)), "the unanswered one went");
    assertEquals(1, small.earlyDrops());
    assertEquals(0, small.insertFailed());
  }

  @Test
  void aTakenReplyTupleIsRefusedSoSourceNatPicksAnotherPort() {
    dnat();
    assertFalse(table.free(tcp(EP, 8080, POD, 40000)));
    assertNull(table.create(tcp(Ipv4Address.parse("10.244.2.9"), 1, VIP, 80), tcp(EP, 8080, POD, 40000), SYN));
  }

  @Test
  void theTableReadsLikeConntrackList() {
    dnat();
    assertEquals("tcp      6  120 SYN_SENT src=10.244.0.2 dst=10.96.0.20 sport=40000 dport=80 [UNREPLIED]"
        + " src=10.244.1.3 dst=10.244.0.2 sport=8080 dport=40000 mark=0 use=1\n"
        + "conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.\n",
        table.show());
  }
}
