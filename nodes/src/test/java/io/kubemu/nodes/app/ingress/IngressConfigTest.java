package io.kubemu.nodes.app.ingress;

import static io.kubemu.nodes.app.ingress.IngressFixtures.NGINX;
import static io.kubemu.nodes.app.ingress.IngressFixtures.ingress;
import static io.kubemu.nodes.app.ingress.IngressFixtures.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.kubemu.nodes.app.ClusterView;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How ingress-nginx picks a server and a location for a request, from the Ingresses of its class. */
class IngressConfigTest {
  private final List<String> warnings = new ArrayList<>();

  private IngressConfig config(Ingress... ingresses) {
    return IngressConfig.build(new ClusterView(List.of(), List.of(), List.of(ingresses), List.of(NGINX), List.of()),
        IngressNginx.CONTROLLER, "nginx", false, warnings::add);
  }

  private static String to(IngressConfig c, String host, String path) {
    IngressConfig.Upstream up = c.route(host, path).upstream();
    return up == null ? "default-backend" : up.service() + ":" + up.port();
  }

  @Test
  void prefixPathsMatchWholeElementsAndTheLongestWins() {
    IngressConfig c = config(rule(ingress("shop", 1), "shop.example.com",
        "Prefix / web:80", "Prefix /cart cart:80", "Prefix /cart/checkout/ pay:http").build());
    assertEquals("cart:80", to(c, "shop.example.com", "/cart"));
    assertEquals("cart:80", to(c, "shop.example.com", "/cart/"));
    assertEquals("cart:80", to(c, "shop.example.com", "/cart/items"));
    assertEquals("web:80", to(c, "shop.example.com", "/cartoon"), "not an element of /cart");
    assertEquals("pay:http", to(c, "shop.example.com", "/cart/checkout"), "a trailing slash does not matter in Prefix");
    assertEquals("web:80", to(c, "SHOP.example.com:8443", "/"), "the Host header's case and port do not matter");
  }

  @Test
  void anExactPathBeatsAnyPrefixAndMatchesOnlyItself() {
    IngressConfig c = config(rule(ingress("shop", 1), "shop.example.com", "Prefix /api api:80", "Exact /api/health health:80").build());
    assertEquals("health:80", to(c, "shop.example.com", "/api/health"));
    assertEquals("api:80", to(c, "shop.example.com", "/api/health/x"));
    assertEquals("default-backend", to(c, "shop.example.com", "/other"), "no location: the controller's 404");
  }

  @Test
  void hostsMatchExactlyThenByWildcardThenTheCatchAll() {
    IngressConfig c = config(
        rule(ingress("a", 1), "shop.example.com", "Prefix / shop:80").build(),
        rule(ingress("b", 2), "*.example.com", "Prefix / wild:80").build(),
        rule(ingress("c", 3), "", "Prefix / any:80").build());
    assertEquals("shop:80", to(c, "shop.example.com", "/"));
    assertEquals("wild:80", to(c, "blog.example.com", "/"));
    assertEquals("any:80", to(c, "a.b.example.com", "/"), "a wildcard covers one label only");
    assertEquals("any:80", to(c, "10.96.1.1", "/"));
  }

  @Test
  void anIngresssDefaultBackendServesItsHostsAndTheCatchAll() {
    Ingress withDefault = rule(ingress("shop", 1), "shop.example.com", "Prefix /cart cart:80").editSpec()
        .withNewDefaultBackend().withNewService().withName("fallback").withNewPort().withNumber(80).endPort().endService()
        .endDefaultBackend().endSpec().build();
    IngressConfig c = config(withDefault);
    assertEquals("fallback:80", to(c, "shop.example.com", "/other"));
    assertEquals("fallback:80", to(c, "unknown.example.com", "/"));
  }

  @Test
  void theOlderIngressKeepsAContestedPathAndTheConflictIsLogged() {
    IngressConfig c = config(rule(ingress("newer", 9), "shop.example.com", "Prefix /cart newer:80").build(),
        rule(ingress("older", 1), "shop.example.com", "Prefix /cart older:80").build());
    assertEquals("older:80", to(c, "shop.example.com", "/cart"));
    assertEquals(1, warnings.size());
    assertTrue(warnings.get(0).contains("default/newer") && warnings.get(0).contains("default/older"), warnings.get(0));
  }

  @Test
  void onlyIngressesOfThisControllersClassesAreServed() {
    Ingress other = rule(ingress("other", 1), "other.example.com", "Prefix / x:80").editSpec().withIngressClassName("traefik")
        .endSpec().build();
    Ingress legacy = rule(ingress("legacy", 2), "legacy.example.com", "Prefix / y:80").editSpec().withIngressClassName(null)
        .endSpec().editMetadata().addToAnnotations("kubernetes.io/ingress.class", "nginx").endMetadata().build();
    Ingress none = rule(ingress("none", 3), "none.example.com", "Prefix / z:80").editSpec().withIngressClassName(null).endSpec()
        .build();
    Ingress missing = rule(ingress("missing", 4), "missing.example.com", "Prefix / w:80").editSpec().withIngressClassName("nginx-internal")
        .endSpec().build();
    IngressConfig c = config(other, legacy, none, missing);
    assertEquals("default-backend", to(c, "other.example.com", "/"));
    assertEquals("default-backend", to(c, "missing.example.com", "/"), "a class no IngressClass defines is nobody's");
    assertEquals("y:80", to(c, "legacy.example.com", "/"));
    assertEquals("default-backend", to(c, "none.example.com", "/"), "class-less only with --watch-ingress-without-class");
    IngressConfig withoutClass = IngressConfig.build(new ClusterView(List.of(), List.of(), List.of(none), List.of(NGINX),
        List.of()), IngressNginx.CONTROLLER, "nginx", true, warnings::add);
    assertEquals("z:80", to(withoutClass, "none.example.com", "/"));
  }

  @Test
  void tlsHostsNameTheirSecretAndMayOptOutOfTheRedirect() {
    Ingress tls = rule(ingress("shop", 1), "shop.example.com", "Prefix / web:80").editSpec().addNewTl()
        .withHosts("shop.example.com").withSecretName("shop-tls").endTl().endSpec().build();
    IngressConfig c = config(tls);
    assertEquals("default/shop-tls", c.server("shop.example.com").tlsSecret());
    assertTrue(c.route("shop.example.com", "/").location().sslRedirect());
    assertNull(c.server("plain.example.com").tlsSecret());
    Ingress optOut = new io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder(tls).editMetadata()
        .addToAnnotations("nginx.ingress.kubernetes.io/ssl-redirect", "false").endMetadata().build();
    assertTrue(!config(optOut).route("shop.example.com", "/").location().sslRedirect());
  }
}
