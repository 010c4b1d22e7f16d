package io.kubemu.nodes.app.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubemu.nodes.app.dns.ForwardConfig.Upstream;
import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.Name;

/** Corefiles as kubeadm and users write them, and the errors CoreDNS gives for bad ones, with their line. */
class CorefileTest {
  private static final String PATH = "/etc/coredns/Corefile";
  /** kubeadm's Corefile, word for word. */
  private static final String KUBEADM = """
      .:53 {
          errors
          health {
             lameduck 5s
          }
          ready
          kubernetes cluster.local in-addr.arpa ip6.arpa {
             pods insecure
             fallthrough in-addr.arpa ip6.arpa
             ttl 30
          }
          prometheus :9153
          forward . /etc/resolv.conf {
             max_concurrent 1000
          }
          cache 30
          loop
          reload
          loadbalance
      }
      """;

  private static Corefile parse(String text) {
    return Corefile.parse(PATH, text, List.of("203.0.113.53"), 53);
  }

  private static Name zone(String z) {
    return DnsNames.zone(z);
  }

  @Test
  void kubeadmsCorefileIsOneServerOnPort53WithEveryPlugin() {
    Corefile c = parse(KUBEADM);
    assertEquals(1, c.servers().size());
    ServerBlock s = c.servers().get(0);
    assertEquals(List.of(Name.root), s.zones());
    assertEquals(53, s.port());
    assertEquals(List.of(".:53"), s.addresses());
    assertEquals(Set.of("errors", "health", "ready", "kubernetes", "prometheus", "forward", "cache", "loop", "reload", "loadbalance"),
        s.plugins());
    assertEquals(OptionalInt.of(8080), s.healthPort());
    assertEquals(Duration.ofSeconds(5), s.lameduck());
    assertEquals(OptionalInt.of(8181), s.readyPort());
    assertEquals(OptionalInt.of(9153), s.metricsPort());
    KubernetesConfig k = s.kubernetes().orElseThrow();
    assertEquals(List.of(zone("cluster.local"), zone("in-addr.arpa"), zone("ip6.arpa")), k.zones());
    assertEquals(zone("cluster.local"), k.primaryZone());
    assertEquals(KubernetesConfig.PodMode.INSECURE, k.pods());
    assertEquals(30, k.ttl());
    assertTrue(k.fallthrough().covers(zone("4.3.2.1.in-addr.arpa")));
    assertFalse(k.fallthrough().covers(zone("web.default.svc.cluster.local")));
    ForwardConfig f = s.forward().orElseThrow();
    assertEquals(Name.root, f.from());
    assertEquals(List.of(new Upstream(Ipv4Address.parse("203.0.113.53"), 53)), f.to(), "/etc/resolv.conf: the given nameservers");
    assertEquals(1000, f.maxConcurrent());
    assertEquals(ForwardConfig.Policy.RANDOM, f.policy());
  }

  @Test
  void theBuiltInDefaultIsKubeadmsWithTheKubernetesPluginsOwnTtl() {
    Corefile c = parse(Corefile.kubeadmDefault("cluster.local"));
    KubernetesConfig k = c.servers().get(0).kubernetes().orElseThrow();
    assertEquals(KubernetesConfig.DEFAULT_TTL, k.ttl());
    assertEquals(5, k.ttl());
    assertEquals(KUBEADM.replace("       ttl 30\n", ""), Corefile.kubeadmDefault("cluster.local"));
    assertEquals(parse(KUBEADM).servers().get(0).plugins(), c.servers().get(0).plugins());
  }

  @Test
  void stubDomainsGetTheirOwnServerAndKeysTakePortsPrefixesAndCommas() {
    Corefile c = Corefile.parse(PATH, """
        # a stub domain for the company's names
        corp.example:53, dns://lab.example {
            forward . 10.0.0.53:5353 dns://10.0.0.54 {
                policy sequential
                except skip.corp.example
            }
        }
        .:1053 {
            kubernetes
        }
        """, List.of(), 53);
    assertEquals(2, c.servers().size());
    ServerBlock stub = c.servers().get(0);
    assertEquals(List.of(zone("corp.example"), zone("lab.example")), stub.zones());
    assertEquals(53, stub.port());
    ForwardConfig f = stub.forward().orElseThrow();
    assertEquals(List.of(new Upstream(Ipv4Address.parse("10.0.0.53"), 5353), new Upstream(Ipv4Address.parse("10.0.0.54"), 53)), f.to());
    assertEquals(ForwardConfig.Policy.SEQUENTIAL, f.policy());
    assertTrue(f.covers(zone("www.corp.example")));
    assertFalse(f.covers(zone("a.skip.corp.example")));
    ServerBlock root = c.servers().get(1);
    assertEquals(1053, root.port());
    assertEquals(List.of(Name.root), root.kubernetes().orElseThrow().zones(), "the plugin takes the block's zones");
    assertEquals(KubernetesConfig.PodMode.DISABLED, root.kubernetes().orElseThrow().pods(), "CoreDNS's default");
  }

  @Test
  void aKeyWithoutPortTakesDnsPortAndBracesMayCloseOnTheirLine() {
    Corefile c = Corefile.parse(PATH, "cluster.local {\n  health :8091 { lameduck 2s }\n  kubernetes \"cluster.local\"\n}\n", List.of(),
        5353);
    ServerBlock s = c.servers().get(0);
    assertEquals(5353, s.port());
    assertEquals(OptionalInt.of(8091), s.healthPort());
    assertEquals(Duration.ofSeconds(2), s.lameduck());
    assertEquals(List.of("cluster.local.:5353"), s.addresses());
  }

  @Test
  void theConfigurationHashIsTheSha512OfTheText() {
    assertEquals(128, parse(KUBEADM).sha512().length());
    assertFalse(parse(KUBEADM).sha512().equals(parse(KUBEADM + "\n").sha512()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown directive        | .:53 {\\n  errors\\n  rewrite name a b\\n}               | 3 | Unknown directive 'rewrite'
      twice in a block         | .:53 {\\n  cache\\n  cache\\n}                          | 3 | plugin/cache: /etc/coredns/Corefile:3 - Error during parsing: this plugin can only be used once per Server Block
      ttl not a number         | .:53 {\\n  kubernetes {\\n    ttl soon\\n  }\\n}      | 3 | ttl must be an integer: soon
      ttl too long             | .:53 {\\n  kubernetes {\\n    ttl 3601\\n  }\\n}      | 3 | ttl must be in range [0, 3600]: 3601
      pods verified            | .:53 {\\n  kubernetes {\\n    pods verified\\n  }\\n} | 3 | pods verified is not supported by kubemu
      pods unknown             | .:53 {\\n  kubernetes {\\n    pods maybe\\n  }\\n}    | 3 | wrong value for pods: maybe, must be one of: disabled, verified, insecure
      kubernetes property      | .:53 {\\n\\n  kubernetes {\\n    upstream\\n  }\\n}  | 4 | plugin/kubernetes: /etc/coredns/Corefile:4 - Error during parsing: unknown property 'upstream'
      only reverse zones       | .:53 {\\n  kubernetes in-addr.arpa\\n}            | 2 | non-reverse zone name must be used
      forward without TO       | .:53 {\\n  forward .\\n}                          | 2 | Wrong argument count or unexpected line ending after '.'
      forward to a name        | .:53 {\\n  forward . dns.google\\n}               | 2 | not an IP address or file: "dns.google"
      forward over TLS         | .:53 {\\n  forward . tls://1.1.1.1\\n}            | 2 | unsupported protocol in 'tls://1.1.1.1'
      forward property         | .:53 {\\n  forward . 1.1.1.1 {\\n    tls_servername x\\n  }\\n} | 3 | tls_servername is not supported by kubemu
      forward policy           | .:53 {\\n  forward . 1.1.1.1 {\\n    policy fastest\\n  }\\n} | 3 | unknown policy 'fastest'
      max_concurrent           | .:53 {\\n  forward . 1.1.1.1 {\\n    max_concurrent -1\\n  }\\n} | 3 | max_concurrent must be a non-negative integer: -1
      lameduck                 | .:53 {\\n  health {\\n    lameduck 5 seconds\\n  }\\n} | 3 | Wrong argument count
      lameduck duration        | .:53 {\\n  health {\\n    lameduck 5x\\n  }\\n}     | 3 | time: invalid duration "5x"
      health address           | .:53 {\\n  health :http\\n}                        | 2 | invalid address ':http'
      loop takes nothing       | .:53 {\\n  loop forever\\n}                        | 2 | Wrong argument count
      unclosed block           | .:53 {\\n  errors\\n  health {\\n}                 | 1 | unexpected EOF
      stray brace              | .:53 {\\n  errors\\n}\\n}                          | 4 | unexpected '}'
      no block                 | .:53\\n                                            | 1 | has no '{'
      bad port                 | .:99999 {\\n  errors\\n}                           | 1 | invalid port in server block key '.:99999'
      same zone twice          | .:53 {\\n  errors\\n}\\n.:53 {\\n  log\\n}          | 4 | zone already defined for dns://.:53 on line 1
      cidr zone                | 10.0.0.0/8 {\\n  errors\\n}                       | 1 | zones written as a CIDR are not supported
      unterminated quote       | .:53 {\\n  kubernetes \\"cluster.local\\n}          | 2 | unterminated quoted string
      nothing                  | # only a comment\\n                                 | 1 | no server blocks
      """)
  void badCorefilesFailNamingTheirLine(String what, String text, int line, String message) {
    CorefileException e = assertThrows(CorefileException.class, () -> parse(text.replace("\\n", "\n").replace("\\\"", "\"")));
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.getMessage().contains(PATH + ":" + line + " - Error during parsing: "), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void forwardToResolvConfWithoutNameserversSaysWhereKubemuTakesThemFrom() {
    CorefileException e = assertThrows(CorefileException.class, () -> Corefile.parse(PATH, KUBEADM, List.of(), 53));
    assertEquals("plugin/forward: /etc/coredns/Corefile:13 - Error during parsing: no nameservers found in /etc/resolv.conf"
        + " (kubemu: the pod's resolv.conf, or the KUBEMU_UPSTREAM_NAMESERVERS variable, lists them)", e.getMessage());
  }

  @Test
  void moreThanFifteenUpstreamsAreRefused() {
    String many = String.join(" ", java.util.stream.IntStream.rangeClosed(1, 16).mapToObj(i -> "10.0.0." + i).toList());
    CorefileException e = assertThrows(CorefileException.class, () -> parse(".:53 {\n forward . " + many + "\n}\n"));
    assertTrue(e.getMessage().contains("more than 15 TOs configured: 16"), e.getMessage());
  }

  @Test
  void blocksNestedTooDeeplyAreRefusedRatherThanExhaustTheStack() {
    String deep = ".:53 {\n" + "a {\n".repeat(40) + "}\n".repeat(41);
    CorefileException e = assertThrows(CorefileException.class, () -> parse(deep));
    assertTrue(e.getMessage().contains("blocks nested deeper than 16"), e.getMessage());
  }
}
