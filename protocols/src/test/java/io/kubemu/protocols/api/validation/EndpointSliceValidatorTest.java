package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import org.junit.jupiter.api.Test;

/** discovery.k8s.io/v1 EndpointSlice: addresses of the slice's type, and its ports. */
class EndpointSliceValidatorTest {
  static final String SLICE = """
      apiVersion: discovery.k8s.io/v1
      kind: EndpointSlice
      metadata:
        name: web-x2
      addressType: IPv4
      ports:
      - name: http
        port: 8080
        protocol: TCP
      endpoints:
      - addresses: [10.244.1.5, 10.244.2.7]
        nodeName: w1
      """;

  static List<String> slice(String from, String to) {
    return errors(SLICE.replace(from, to), EndpointSlice.class);
  }

  @Test
  void aPlainSliceIsValid() {
    assertEquals(List.of(), errors(SLICE, EndpointSlice.class));
  }

  @Test
  void addressTypeIsRequiredAndAnEnum() {
    assertEquals(List.of("addressType: Required value"), slice("addressType: IPv4\n", ""));
    assertEquals(List.of("addressType: Unsupported value: \"IP\": supported values: \"FQDN\", \"IPv4\", \"IPv6\""),
        slice("addressType: IPv4", "addressType: IP"));
  }

  @Test
  void addressesMustBeOfTheSlicesFamily() {
    assertEquals(List.of("endpoints[0].addresses[0]: Invalid value: \"10.244.1.5\": must be a valid IPv6 address",
        "endpoints[0].addresses[1]: Invalid value: \"10.244.2.7\": must be a valid IPv6 address"),
        slice("addressType: IPv4", "addressType: IPv6"));
    assertEquals(List.of("endpoints[0].addresses[1]: Invalid value: \"fd00::7\": must be a valid IPv4 address"),
        slice("10.244.2.7", "fd00::7"));
  }

  @Test
  void specialAddressesAreRefused() {
    assertEquals(List.of(
        "endpoints[0].addresses[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
        "endpoints[0].addresses[1]: Invalid value: \"169.254.169.254\": may not be in the link-local range"
            + " (169.254.0.0/16, fe80::/10)"),
        slice("[10.244.1.5, 10.244.2.7]", "[127.0.0.1, 169.254.169.254]"));
    assertEquals(List.of("endpoints[0].addresses[0]: Invalid value: \"0.0.0.0\": may not be unspecified (0.0.0.0)"),
        slice("[10.244.1.5, 10.244.2.7]", "[0.0.0.0]"));
  }

  @Test
  void anEndpointNeedsAnAddress() {
    assertEquals(List.of("endpoints[0].addresses: Required value: must contain at least 1 address"),
        slice("[10.244.1.5, 10.244.2.7]", "[]"));
  }

  @Test
  void fqdnAddressesNeedTwoLabels() {
    assertEquals(List.of("endpoints[0].addresses[0]: Invalid value: \"db\": should be a domain with at least two"
        + " segments separated by dots"),
        errors(SLICE.replace("addressType: IPv4", "addressType: FQDN")
            .replace("[10.244.1.5, 10.244.2.7]", "[db, db.example.com.]"), EndpointSlice.class));
  }

  @Test
  void portsHaveUniqueNamesAndKnownProtocols() {
    assertEquals(List.of("ports[1].name: Duplicate value: \"http\"",
        "ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
        slice("  protocol: TCP\n", "  protocol: TCP\n- name: http\n  port: 8443\n  protocol: HTTP\n"));
  }
}
