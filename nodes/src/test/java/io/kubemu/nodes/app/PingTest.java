package io.kubemu.nodes.app;

import static io.kubemu.nodes.net.TestFrames.ip;
import static io.kubemu.nodes.net.TestFrames.ipv4;
import static io.kubemu.nodes.net.TestFrames.mac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.dns.resolver.FakeDnsServer;
import io.kubemu.nodes.net.Frames;
import io.kubemu.nodes.pod.PodFiles;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.addr.MacAddress;
import io.kubemu.protocols.icmp.IcmpMessage;
import io.kubemu.protocols.ipv4.IpProtocol;
import io.kubemu.protocols.ipv4.Ipv4Packet;
import io.kubemu.nodes.stack.PodStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** iputils-style ping against a real pod stack, with timers fired by hand. */
class PingTest {
  private static final MacAddress POD_MAC = mac(2);
  private static final MacAddress GW_MAC = mac(1);
  private static final Ipv4Address POD_IP = ip("10.244.0.2");
  private static final Ipv4Address GW_IP = ip("10.244.0.1");
  private static final String RTT = "time=\\d+(\\.\\d+)? ms";
  private static final String SUMMARY_RTT = "rtt min/avg/max/mdev = (\\d+\\.\\d{3}/){3}\\d+\\.\\d{3} ms\n";

  private final List<byte[]> veth = new ArrayList<>();
  private final PodStack stack = new PodStack("w1", "default/a", POD_MAC, POD_IP, Ipv4Cidr.parse("10.244.0.0/24"),
      Ipv4Cidr.parse("10.244.0.0/16"), GW_IP, 1450, veth::add,
      new io.kubemu.nodes.tcp.FakeTcpTimers(System::nanoTime));

  private FakeAppContext ping(String... args) {
    String[] argv = new String[args.length + 1];
    argv[0] = "ping";
    System.arraycopy(args, 0, argv, 1, args.length);
    return new FakeAppContext(stack, argv).start(new Ping());
  }

  private static void assertMatches(String regex, String text) {
    assertTrue(text.matches("(?s)" + regex), () -> "expected /" + regex + "/ to match:\n" + text);
  }

  @Test
  void repliesPrintOneLineEachAndASummaryAndExitZero() {
    FakeAppContext ctx = ping("-c", "2", "-i", "0.5", "10.244.0.2");
    assertEquals(Duration.ofMillis(500), ctx.timers().get("send"));
    assertTrue(ctx.fire("send"));
    assertEquals(0, ctx.status());
    assertMatches("""
        PING 10.244.0.2 \\(10.244.0.2\\) 56\\(84\\) bytes of data.
        64 bytes from 10.244.0.2: icmp_seq=1 ttl=64 %1$s
        64 bytes from 10.244.0.2: icmp_seq=2 ttl=64 %1$s

        --- 10.244.0.2 ping statistics ---
        2 packets transmitted, 2 received, 0%% packet loss, time \\d+ms
        %2$s""".formatted(RTT, SUMMARY_RTT), ctx.stdout());
    assertEquals("", ctx.stderr());
    assertTrue(veth.isEmpty(), "loopback only");
  }

  @Test
  void sizeChangesTheHeaderAndReplyLength() {
    FakeAppContext ctx = ping("-c", "1", "-s", "100", "127.0.0.1");
    assertTrue(ctx.stdout().startsWith("PING 127.0.0.1 (127.0.0.1) 100(128) bytes of data.\n"), ctx.stdout());
    assertTrue(ctx.stdout().contains("108 bytes from 127.0.0.1: icmp_seq=1 ttl=64 "), ctx.stdout());
  }

  @Test
  void quietPrintsOnlyTheSummary() {
    FakeAppContext ctx = ping("-q", "-c", "1", "10.244.0.2");
    assertEquals(0, ctx.status());
    assertFalse(ctx.stdout().contains("bytes from"), ctx.stdout());
    assertMatches(".*1 packets transmitted, 1 received, 0% packet loss, time \\d+ms\n" + SUMMARY_RTT, ctx.stdout());
  }

  @Test
  void noReplyExitsOneAfterTheTimeout() {
    FakeAppContext ctx = ping("-c", "1", "-W", "2", "10.244.1.9");
    assertEquals(1, veth.size(), "an ARP request for the gateway");
    assertEquals(Duration.ofSeconds(2), ctx.timers().get("linger"));
    assertNull(ctx.status());
    assertTrue(ctx.fire("linger"));
    assertEquals(1, ctx.status());
    assertMatches("""
        PING 10.244.1.9 \\(10.244.1.9\\) 56\\(84\\) bytes of data.

        --- 10.244.1.9 ping statistics ---
        1 packets transmitted, 0 received, 100% packet loss, time \\d+ms
        """, ctx.stdout());
  }

  @Test
  void aNeighbourThatNeverAnswersIsDestinationHostUnreachable() {
    FakeAppContext ctx = ping("-c", "1", "10.244.0.9");
    stack.tick();
    stack.tick();
    assertNull(ctx.status());
    stack.tick();
    assertEquals(1, ctx.status());
    assertMatches("""
        PING .*
        From 10.244.0.2 icmp_seq=1 Destination Host Unreachable

        --- 10.244.0.9 ping statistics ---
        1 packets transmitted, 0 received, \\+1 errors, 100% packet loss, time \\d+ms
        """, ctx.stdout());
    assertTrue(ctx.timers().isEmpty());
  }

  @Test
  void timeExceededFromARouterIsReported() {
    stack.receive(Frames.arpRequest(GW_MAC, GW_IP, POD_IP));
    veth.clear();
    FakeAppContext ctx = ping("-c", "1", "-t", "1", "10.244.1.9");
    Ipv4Packet request = ipv4(veth.get(0));
    assertEquals(1, request.ttl());
    IcmpMessage error = IcmpMessage.timeExceeded(0, request.toBytes());
    stack.receive(Frames.ipv4(GW_MAC, POD_MAC, Ipv4Packet.of(IpProtocol.ICMP, GW_IP, POD_IP, 64, 1, error.toBytes())));
    assertEquals(1, ctx.status());
    assertTrue(ctx.stdout().contains("\nFrom 10.244.0.1 icmp_seq=1 Time to live exceeded\n"), ctx.stdout());
  }

  @Test
  void aSendErrorIsCountedAndPrinted() {
    FakeAppContext ctx = ping("-c", "1", "-s", "2000", "10.244.1.9");
    assertEquals("ping: sendmsg: Message too long\n", ctx.stderr());
    ctx.fire("linger");
    assertEquals(1, ctx.status());
    assertTrue(ctx.stdout().contains("1 packets transmitted, 0 received, +1 errors, 100% packet loss"), ctx.stdout());
  }

  @Test
  void theSequenceNumberWrapsAfter65535AsIputilsDoes() {
    FakeAppContext ctx = ping("-q", "-c", "65537", "-i", "0.001", "10.244.0.2");
    for (int i = 1; i < 65537; i++) {
      assertTrue(ctx.fire("send"), "send " + i);
    }
    assertEquals(0, ctx.status(), ctx.stderr());
    assertTrue(ctx.stdout().contains("65537 packets transmitted, 65537 received, 0% packet loss"), ctx.stdout());
  }

  private void assertUsageError(String message, String... args) {
    FakeAppContext ctx = ping(args);
    assertEquals(2, ctx.status());
    assertEquals("", ctx.stdout());
    assertEquals("ping: " + message + "\nUsage: ping [-c count] [-i interval] [-W timeout] [-s size] [-t ttl] [-q] host\n",
        ctx.stderr());
    assertTrue(veth.isEmpty());
  }

  @Test
  void usageErrorsExitTwo() {
    assertUsageError("usage error: Destination address required");
    assertUsageError("usage error: Destination address required", "-c", "3");
    assertUsageError("invalid argument for -c: '0' (expected: 1..9223372036854775807)", "-c", "0", "10.0.0.1");
    assertUsageError("invalid argument for -t: '256' (expected: 1..255)", "-t", "256", "10.0.0.1");
    assertUsageError("bad timing value for -i: 'soon' (expected: 0.001..3600 seconds)", "-i", "soon", "10.0.0.1");
    assertUsageError("option requires an argument -- 'c'", "10.0.0.1", "-c");
    assertUsageError("invalid option -- 'z'", "-z", "10.0.0.1");
    assertUsageError("only one destination: 10.0.0.2", "10.0.0.1", "10.0.0.2");
  }

  @Test
  void aNameIsResolvedFirstAndNamedAsGiven() {
    new FakeAppContext(stack, "coredns").start(new FakeDnsServer("cluster.local.")
        .record("self.default.svc.cluster.local. 30 IN A 10.244.0.2"));
    FakeAppContext ctx = new FakeAppContext(stack, "ping", "-c", "1", "self")
        .file(PodFiles.RESOLV_CONF, FakeDnsServer.clusterFirst("10.244.0.2")).start(new Ping());
    assertEquals(0, ctx.status(), ctx.stderr());
    assertMatches("""
        PING self \\(10.244.0.2\\) 56\\(84\\) bytes of data.
        64 bytes from 10.244.0.2: icmp_seq=1 ttl=64 .*

        --- self ping statistics ---
        1 packets transmitted, 1 received, 0% packet loss, time \\d+ms
        .*""", ctx.stdout());

    FakeAppContext unknown = new FakeAppContext(stack, "ping", "-c", "1", "nope")
        .file(PodFiles.RESOLV_CONF, FakeDnsServer.clusterFirst("10.244.0.2")).start(new Ping());
    assertEquals(1, unknown.status());
    assertEquals("", unknown.stdout());
    assertEquals("ping: bad address 'nope'\n", unknown.stderr(), "busybox's words");
    assertTrue(veth.isEmpty(), "the DNS went over lo, no ICMP left");
  }
}
