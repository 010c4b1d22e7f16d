package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** networking.k8s.io/v1 Ingress: hosts, paths and backends as ValidateIngressCreate reports them. */
class IngressValidatorTest {
  static final String INGRESS = """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: shop
      spec:
        rules:
        - host: shop.example.com
          http:
            paths:
            - path: /cart
              pathType: Prefix
              backend:
                service:
                  name: cart
                  port:
                    number: 80
      """;

  static List<String> ingress(String from, String to) {
    return errors(INGRESS.replace(from, to), Ingress.class);
  }

  @Test
  void aPlainIngressIsValid() {
    assertEquals(List.of(), errors(INGRESS, Ingress.class));
    assertEquals(List.of(), ingress("host: shop.example.com", "host: \"*.example.com\""));
  }

  @Test
  void hostIsADnsNameWithAnOptionalWildcard() {
    assertEquals(List.of("spec.rules[0].host: Invalid value: \"shop.*.com\": a wildcard DNS-1123 subdomain must start"
        + " with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-'"
        + " or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is"
        + " '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        ingress("host: shop.example.com", "host: shop.*.com"));
    assertEquals("spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address",
        ingress("host: shop.example.com", "host: 10.0.0.1").get(0));
  }

  @Test
  void prefixAndExactPathsAreAbsolute() {
    assertEquals(List.of("spec.rules[0].http.paths[0].path: Invalid value: \"cart\": must be an absolute path"),
        ingress("path: /cart", "path: cart"));
    assertEquals(List.of("spec.rules[0].http.paths[0].path: Invalid value: \"/a//b\": must not contain '//'"),
        ingress("path: /cart", "path: /a//b"));
  }

  @Test
  void pathTypeIsRequiredAndAnEnum() {
    assertEquals(List.of("spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified"),
        ingress("        pathType: Prefix\n", ""));
    assertEquals(List.of("spec.rules[0].http.paths[0].pathType: Unsupported value: \"Regex\": supported values:"
        + " \"Exact\", \"ImplementationSpecific\", \"Prefix\""), ingress("pathType: Prefix", "pathType: Regex"));
  }

  @Test
  void backendNeedsAServiceWithAPort() {
    assertEquals(List.of("spec.rules[0].http.paths[0].backend: Required value: port name or number is required"),
        ingress("            port:\n              number: 80\n", ""));
    assertEquals(List.of("spec.rules[0].http.paths[0].backend: Invalid value: \"\": cannot set both port name & port number"),
        ingress("number: 80", "number: 80\n              name: http"));
    assertEquals(List.of("spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: 70000: must be"
        + " between 1 and 65535, inclusive"), ingress("number: 80", "number: 70000"));
    assertEquals(List.of("spec.rules[0].http.paths[0].backend.service.name: Required value"),
        ingress("            name: cart\n", ""));
  }

  @Test
  void rulesOrADefaultBackend() {
    assertEquals(List.of("spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be"
        + " specified"), errors(INGRESS.substring(0, INGRESS.indexOf("spec:")) + "spec: {}\n", Ingress.class));
  }
}
