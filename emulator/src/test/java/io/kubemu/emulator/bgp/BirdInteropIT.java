package io.kubemu.emulator.bgp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.bgp.AsPath;
import io.kubemu.protocols.bgp.BgpKeepalive;
import io.kubemu.protocols.bgp.BgpMessage;
import io.kubemu.protocols.bgp.BgpNotification;
import io.kubemu.protocols.bgp.BgpOpen;
import io.kubemu.protocols.bgp.BgpRouteRefresh;
import io.kubemu.protocols.bgp.BgpUpdate;
import io.kubemu.protocols.bgp.Capability;
import io.kubemu.protocols.bgp.PathAttribute;
import io.kubemu.protocols.bgp.session.SessionAction;
import io.kubemu.protocols.bgp.session.SessionConfig;
import io.kubemu.protocols.bgp.session.SessionState;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our codec and session against a real BIRD 2, over real TCP on loopback: one BIRD as a top-of-rack
 * router in a 4-octet AS, emulated nodes in AS 64512 (Calico's default) connecting from their own
 * 127.0.0.x addresses, as {@code examples/bgp-tor-peer.bird.conf} sets it up. Each test uses
 * addresses of its own, so BIRD's sessions do not meet.
 */
class BirdInteropIT {
  private static final long TOR_AS = 4_200_000_001L;
  private static final long NODE_AS = 64512;
  private static final Duration WITHIN = Duration.ofSeconds(15);
  private static Bird bird;
  private final List<SocketSpeaker> speakers = new ArrayList<>();

  @BeforeAll
  static void startBird() throws Exception {
    bird = Bird.start(BirdConfig.router(TOR_AS).neighborRange("127.0.0.0/8", 0)
        .announce("203.0.113.0/24", "198.51.100.0/24").nodeNetwork("172.18.0.0/16"));
  }

  @AfterAll
  static void stopBird() {
    if (bird != null) {
      bird.close();
    }
  }

  @AfterEach
  void closeSpeakers() {
    speakers.forEach(SocketSpeaker::close);
  }

  /** A node's speaker from {@code source} with node IP (and router ID) {@code nodeIp}, started. */
  private SocketSpeaker node(String source, String nodeIp, long asn, Duration holdTime) {
    SessionConfig config = SessionConfig.of(asn, TOR_AS, Ipv4Address.parse(nodeIp))
        .withTimers(holdTime, holdTime.dividedBy(3));
    SocketSpeaker s = new SocketSpeaker(config, new InetSocketAddress("127.0.0.1", bird.port()), source);
    speakers.add(s);
    s.start();
    return s;
  }

  private SocketSpeaker established(String source, String nodeIp) throws InterruptedException {
    SocketSpeaker s = node(source, nodeIp, NODE_AS, Duration.ofSeconds(90));
    s.await("Established", WITHIN, () -> s.told().stream().filter(SessionAction.Established.class::isInstance).findFirst());
    return s;
  }

  /** Calico's announcement of a node's pod block: IGP origin, the node's AS, the node IP as next hop. */
  private static BgpUpdate podBlock(String block, String nodeIp, long asn) {
    return new BgpUpdate(List.of(), List.of(PathAttribute.Origin.IGP, AsPath.sequence(true, asn),
        new PathAttribute.NextHop(Ipv4Address.parse(nodeIp))), List.of(Ipv4Cidr.parse(block)));
  }

  private BirdShow.Protocol birdSession(String source, String bgpState) throws InterruptedException {
    return bird.await(source + " " + bgpState, WITHIN,
        () -> bird.neighbor(source).filter(p -> p.bgpState().equals(bgpState)));
  }

  @Test
  void sessionComesUpOnBothSidesWithFourOctetAsNegotiated() throws Exception {
    SocketSpeaker node = established("127.0.0.2", "172.18.0.2");
    BirdShow.Protocol session = birdSession("127.0.0.2", "Established");
    assertEquals("up", session.state());
    assertEquals("172.18.0.2", session.details().get("Neighbor ID"));
    assertEquals("external multihop AS4", session.details().get("Session"));
    BgpOpen open = (BgpOpen) node.received().get(0);
    assertEquals(BgpOpen.AS_TRANS, open.myAs());
    assertEquals(TOR_AS, open.asn());
    assertTrue(node.fourOctetAs());
    assertEquals(new SessionAction.Established(open, Duration.ofSeconds(90), true), node.told().get(0));
  }

  @Test
  void birdLearnsOurPodBlockWithTheNodeIpAsNextHopAndForgetsItOnWithdraw() throws Exception {
    SocketSpeaker node = established("127.0.0.3", "172.18.0.3");
    node.send(podBlock("10.244.3.0/26", "172.18.0.3", NODE_AS));
    BirdShow.Route route = bird.await("10.244.3.0/26 learned", WITHIN, () -> bird.routes("10.244.3.0/26").stream().findFirst());
    assertEquals("unicast", route.kind()); // the next hop resolved through the node network's route
    assertEquals("127.0.0.3", route.from());
    assertEquals("172.18.0.3", route.attribute("BGP.next_hop"));
    assertEquals("64512", route.attribute("BGP.as_path"));
    assertEquals("IGP", route.attribute("BGP.origin"));
    node.send(BgpUpdate.withdraw(List.of(Ipv4Cidr.parse("10.244.3.0/26"))));
    bird.await("10.244.3.0/26 withdrawn", WITHIN,
        () -> bird.routes("10.244.3.0/26").isEmpty() ? Optional.of(true) : Optional.empty());
    assertEquals(SessionState.ESTABLISHED, node.state());
  }

  @Test
  void weLearnBirdsStaticRoutesDecodedWithTheFourOctetAs() throws Exception {
    SocketSpeaker node = established("127.0.0.4", "172.18.0.4");
    Ipv4Cidr documentation = Ipv4Cidr.parse("203.0.113.0/24");
    BgpUpdate update = node.await("BIRD's static routes", WITHIN, () -> Optional.ofNullable(node.learned().get(documentation))
        .filter(u -> node.learned().containsKey(Ipv4Cidr.parse("198.51.100.0/24"))));
    assertEquals(AsPath.sequence(true, TOR_AS), update.attribute(AsPath.class).orElseThrow());
    assertEquals(PathAttribute.Origin.IGP, update.attribute(PathAttribute.Origin.class).orElseThrow());
    assertEquals(new PathAttribute.NextHop(Ipv4Address.parse("127.0.0.1")), update.attribute(PathAttribute.NextHop.class).orElseThrow());
    assertEquals(2, node.learned().size(), "the node network's route stays inside BIRD: " + node.learned().keySet());
  }

  @Test
  void keepalivesKeepTheSessionUpPastTheHoldTime() throws Exception {
    SocketSpeaker node = node("127.0.0.5", "172.18.0.5", NODE_AS, Duration.ofSeconds(3));
    node.await("4 KEEPALIVEs each way", WITHIN, () -> Optional.of(true).filter(x ->
        count(node.received(), BgpKeepalive.class) >= 4 && count(node.sent(), BgpKeepalive.class) >= 4));
    assertEquals(SessionState.ESTABLISHED, node.state());
    BirdShow.Protocol session = birdSession("127.0.0.5", "Established");
    assertTrue(session.details().get("Hold timer").endsWith("/3"), session.details().toString());
    assertTrue(session.details().get("Keepalive timer").endsWith("/1"), session.details().toString());
  }

  private static long count(List<BgpMessage> messages, Class<? extends BgpMessage> type) {
    return messages.stream().filter(type::isInstance).count();
  }

  @Test
  void ourCeaseTakesBirdsSessionDown() throws Exception {
    SocketSpeaker node = established("127.0.0.6", "172.18.0.6");
    String name = birdSession("127.0.0.6", "Established").name();
    node.send(podBlock("10.244.6.0/26", "172.18.0.6", NODE_AS));
    bird.await("10.244.6.0/26 learned", WITHIN, () -> bird.routes("10.244.6.0/26").stream().findFirst());
    node.stop();
    assertEquals(new BgpNotification(6, 2), node.sent().get(node.sent().size() - 1));
    assertEquals(SessionState.IDLE, node.state());
    bird.await("session with 127.0.0.6 no longer Established", WITHIN, () -> bird.neighbor("127.0.0.6")
        .filter(p -> p.bgpState().equals("Established")).isPresent() ? Optional.empty() : Optional.of(true));
    bird.await("10.244.6.0/26 gone with its session", WITHIN,
        () -> bird.routes("10.244.6.0/26").isEmpty() ? Optional.of(true) : Optional.empty());
    assertTrue(bird.log().contains(name + ": Received: Administrative shutdown"), bird.log());
  }

  @Test
  void severalNodesPeerFromTheirOwnAddressesAndLearnEachOthersPodBlocks() throws Exception {
    List<SocketSpeaker> nodes = new ArrayList<>();
    for (int i = 11; i <= 13; i++) {
      SocketSpeaker n = node("127.0.0." + i, "172.18.0." + i, 64600 + i, Duration.ofSeconds(90));
      n.await("Established", WITHIN, () -> n.told().stream().filter(SessionAction.Established.class::isInstance).findFirst());
      n.send(podBlock("10.244." + i + ".0/26", "172.18.0." + i, 64600 + i));
      nodes.add(n);
    }
    for (int i = 11; i <= 13; i++) {
      birdSession("127.0.0." + i, "Established");
    }
    SocketSpeaker first = nodes.get(0);
    BgpUpdate fromThird = first.await("the third node's block", WITHIN,
        () -> Optional.ofNullable(first.learned().get(Ipv4Cidr.parse("10.244.13.0/26"))));
    assertEquals(new PathAttribute.NextHop(Ipv4Address.parse("172.18.0.13")), fromThird.attribute(PathAttribute.NextHop.class).orElseThrow());
    assertEquals(AsPath.sequence(true, TOR_AS, 64613L), fromThird.attribute(AsPath.class).orElseThrow());
  }

  @Test
  void birdsReloadAsksUsForARouteRefresh() throws Exception {
    SocketSpeaker node = established("127.0.0.7", "172.18.0.7");
    String name = birdSession("127.0.0.7", "Established").name();
    assertTrue(bird.birdc("reload in " + name).contains("reloading"), "birdc reload in " + name);
    node.await("ROUTE-REFRESH", WITHIN, () -> node.received().stream().filter(BgpRouteRefresh.class::isInstance).findFirst());
    assertTrue(node.received().contains(new BgpRouteRefresh(1, 1)), node.received().toString());
    assertEquals(SessionState.ESTABLISHED, node.state());
  }

  @Test
  void birdsShutdownReachesUsAsCeaseWithItsMessage() throws Exception {
    SocketSpeaker node = established("127.0.0.8", "172.18.0.8");
    String name = birdSession("127.0.0.8", "Established").name();
    bird.birdc("disable " + name + " \"maintenance\"");
    BgpNotification cease = node.await("Cease", WITHIN, () -> node.received().stream()
        .filter(BgpNotification.class::isInstance).map(BgpNotification.class::cast).findFirst());
    assertEquals(BgpNotification.shutdown("maintenance"), cease);
    node.await("Down", WITHIN, () -> node.told().stream().filter(SessionAction.Down.class::isInstance).findFirst());
    assertEquals(SessionState.IDLE, node.state());
  }

  @Test
  void birdAnswersABadMarkerWithConnectionNotSynchronized() throws Exception {
    try (FakePeer peer = FakePeer.connect("127.0.0.21", bird.port())) {
      assertInstanceOf(BgpOpen.class, peer.read());
      peer.write(HexFormat.of().parseHex("ffffffffffffffffffffffffffff00ff" + "0013" + "04"));
      List<BgpMessage> rest = peer.readUntilClosed();
      assertEquals(new BgpNotification(1, 1), rest.get(rest.size() - 1), rest.toString());
    }
  }

  @Test
  void birdRefusesAHoldTimeOfOneSecond() throws Exception {
    try (FakePeer peer = FakePeer.connect("127.0.0.22", bird.port())) {
      assertInstanceOf(BgpOpen.class, peer.read());
      peer.send(BgpOpen.of(NODE_AS, 1, Ipv4Address.parse("172.18.0.22"), List.of(new Capability.FourOctetAs(NODE_AS))));
      List<BgpMessage> rest = peer.readUntilClosed();
      assertEquals(new BgpNotification(2, 6, new byte[] {0, 1}), rest.get(rest.size() - 1), rest.toString());
    }
  }

  @Test
  void theExampleConfigurationParses() throws Exception {
    assertEquals("", Bird.check(Path.of(System.getProperty("kubemu.repo", "..")).resolve("examples/bgp-tor-peer.bird.conf")));
  }
}
