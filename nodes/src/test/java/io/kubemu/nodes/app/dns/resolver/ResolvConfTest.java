package io.kubemu.nodes.app.dns.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** resolv.conf and /etc/hosts as the C libraries read them. */
class ResolvConfTest {
  private static ResolvConf parse(String text, Libc libc) {
    return ResolvConf.parse(Optional.of(text), libc);
  }

  @Test
  void theKubeletsFileReadsBackWhole() {
    ResolvConf c = parse("search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
        Libc.MUSL);
    assertEquals(new ResolvConf(List.of(Ipv4Address.parse("10.96.0.10")),
        List.of("shop.svc.cluster.local", "svc.cluster.local", "cluster.local"), 5, Duration.ofSeconds(5), 2), c);
  }

  @Test
  void withoutAFileOrANameserverTheServerIsLocalhost() {
    ResolvConf none = ResolvConf.parse(Optional.empty(), Libc.GLIBC);
    assertEquals(new ResolvConf(List.of(Ipv4Address.parse("127.0.0.1")), List.of(), 1, Duration.ofSeconds(5), 2), none);
    assertEquals(none, parse("# nothing here\nsearch .\n", Libc.GLIBC));
  }

  @Test
  void threeIpv4NameserversAtMostAndTheLastSearchOrDomainLine() {
    ResolvConf c = parse("nameserver fd00::10\nnameserver 192.0.2.1\n; a comment\nnameserver 192.0.2.2\n"
        + "nameserver 192.0.2.3\nnameserver 192.0.2.4\nsearch a.example b.example\ndomain c.example\n", Libc.MUSL);
    assertEquals(List.of(Ipv4Address.parse("192.0.2.1"), Ipv4Address.parse("192.0.2.2"), Ipv4Address.parse("192.0.2.3")),
        c.nameservers(), "an IPv6 nameserver is no use to an IPv4 pod; past three, none count");
    assertEquals(List.of("c.example"), c.search());
  }

  @Test
  void optionsAreCappedAsEachLibcCapsThem() {
    String text = "nameserver 10.96.0.10\noptions ndots:20 timeout:99 attempts:7 edns0 rotate\n";
    ResolvConf musl = parse(text, Libc.MUSL);
    assertEquals(List.of(15, 60, 7), List.of(musl.ndots(), (int) musl.timeout().toSeconds(), musl.attempts()));
    ResolvConf glibc = parse(text, Libc.GLIBC);
    assertEquals(List.of(15, 30, 5), List.of(glibc.ndots(), (int) glibc.timeout().toSeconds(), glibc.attempts()));
    ResolvConf odd = parse("options attempts:0 ndots:x timeout:2s\n", Libc.MUSL);
    assertEquals(List.of(1, 1, 2), List.of(odd.attempts(), odd.ndots(), (int) odd.timeout().toSeconds()),
        "no fewer than one attempt; a value not a number is ignored; digits are read up to what follows");
  }

  @Test
  void hostsMatchWholeNamesInAnyCaseAndSkipIpv6Lines() {
    String hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n10.0.0.1 a.example a # the first\n"
        + "10.0.0.2\tb.example\ta\n";
    assertEquals(Optional.of(Resolution.found(List.of(Ipv4Address.parse("127.0.0.1")), "localhost")),
        HostsFile.lookup(hosts, "LocalHost"));
    assertEquals(Optional.of(Resolution.found(List.of(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.2")), "b.example")),
        HostsFile.lookup(hosts, "a"), "every line that names it, the last line's first name canonical");
    assertEquals(Optional.empty(), HostsFile.lookup(hosts, "example"));
    assertEquals(Optional.empty(), HostsFile.lookup(hosts, "the"), "comments are no names");
    assertEquals(Optional.empty(), HostsFile.lookup(hosts, "ip6-localhost"), "an IPv6 address only");
  }
}
