package io.kubemu.nodes.app.ingress;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.kubemu.nodes.app.tls.CertifiedKey;
import io.kubemu.nodes.app.tls.TestCerts;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Ingresses, IngressClasses and TLS Secrets as users write them. */
final class IngressFixtures {
  private IngressFixtures() {}

  static final IngressClass NGINX = new IngressClassBuilder().withNewMetadata().withName("nginx").endMetadata()
      .withNewSpec().withController(IngressNginx.CONTROLLER).endSpec().build();

  /** An Ingress of class nginx in default, created at {@code minute} past midnight (older wins conflicts). */
  static IngressBuilder ingress(String name, int minute) {
    return new IngressBuilder().withNewMetadata().withNamespace("default").withName(name)
        .withCreationTimestamp(String.format("2026-11-22T00:%02d:00Z", minute)).endMetadata()
        .withNewSpec().withIngressClassName("nginx").endSpec();
  }

  /** Adds {@code host} with paths given as "Prefix /cart cart:80" or "Exact /x web:http". */
  static IngressBuilder rule(IngressBuilder b, String host, String... paths) {
    var rule = b.editSpec().addNewRule().withHost(host).withNewHttp();
    for (String p : paths) {
      String[] f = p.split(" ");
      String[] backend = f[2].split(":");
      var port = backend[1].matches("\\d+") ? new io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPortBuilder()
          .withNumber(Integer.parseInt(backend[1])).build()
          : new io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPortBuilder().withName(backend[1]).build();
      rule = rule.addNewPath().withPathType(f[0]).withPath(f[1]).withNewBackend().withNewService().withName(backend[0])
          .withPort(port).endService().endBackend().endPath();
    }
    return rule.endHttp().endRule().endSpec();
  }

  /** A kubernetes.io/tls Secret holding {@code key} as openssl writes it. */
  static Secret tlsSecret(String name, CertifiedKey key) {
    Base64.Encoder b64 = Base64.getEncoder();
    return new SecretBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
        .withType("kubernetes.io/tls").withData(Map.of(
            "tls.crt", b64.encodeToString(TestCerts.certPem(key).getBytes(StandardCharsets.US_ASCII)),
            "tls.key", b64.encodeToString(TestCerts.pkcs8Pem(key).getBytes(StandardCharsets.US_ASCII)))).build();
  }
}
