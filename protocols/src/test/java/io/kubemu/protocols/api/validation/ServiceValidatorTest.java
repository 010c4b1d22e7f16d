package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import org.junit.jupiter.api.Test;

/** v1 Service, message for message as ValidateService and the node port allocator report it. */
class ServiceValidatorTest {
  static final String SERVICE = """
      apiVersion: v1
      kind: Service
      metadata:
        name: web
      spec:
        selector:
          app: web
        ports:
        - name: http
          port: 80
          targetPort: 8080
      """;

  static List<String> service(String from, String to) {
    return errors(SERVICE.replace(from, to), Service.class);
  }

  static List<String> spec(String spec) {
    return errors(SERVICE.substring(0, SERVICE.indexOf("spec:")) + spec, Service.class);
  }

  @Test
  void aPlainServiceIsValid() {
    assertEquals(List.of(), errors(SERVICE, Service.class));
  }

  @Test
  void portsAreRequiredUnlessHeadlessOrExternalName() {
    assertEquals(List.of("spec.ports: Required value"), spec("spec:\n  selector: {app: web}\n"));
    assertEquals(List.of(), spec("spec:\n  clusterIP: None\n  selector: {app: web}\n"));
    assertEquals(List.of(), spec("spec:\n  type: ExternalName\n  externalName: db.example.com.\n"));
  }

  @Test
  void portNumbersAndProtocols() {
    assertEquals(List.of("spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
        "spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
        service("port: 80", "port: 70000\n    protocol: HTTP"));
  }

  @Test
  void targetPortIsANumberOrAPortName() {
    assertEquals(List.of("spec.ports[0].targetPort: Invalid value: 65536: must be between 1 and 65535, inclusive"),
        service("targetPort: 8080", "targetPort: 65536"));
    assertEquals(List.of("spec.ports[0].targetPort: Invalid value: \"Web_Port\": must contain only alpha-numeric"
        + " characters (a-z, 0-9), and hyphens (-)"), service("targetPort: 8080", "targetPort: Web_Port"));
  }

  @Test
  void severalPortsNeedUniqueNames() {
    assertEquals(List.of("spec.ports[1].name: Required value"),
        service("  targetPort: 8080\n", "  targetPort: 8080\n  - port: 443\n"));
    assertEquals(List.of("spec.ports[1].name: Duplicate value: \"http\""),
        service("  targetPort: 8080\n", "  targetPort: 8080\n  - name: http\n    port: 443\n"));
  }

  @Test
  void portAndProtocolPairsAreUnique() {
    assertEquals(List.of("spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\","
        + " AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"),
        service("  targetPort: 8080\n", "  targetPort: 8080\n  - name: alt\n    port: 80\n"));
  }

  @Test
  void typeIsAnEnum() {
    assertEquals(List.of("spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\","
        + " \"LoadBalancer\", \"NodePort\""), service("spec:\n", "spec:\n  type: Internal\n"));
  }

  @Test
  void nodePortOnlyOutsideClusterIPAndInRange() {
    assertEquals(List.of("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"),
        service("targetPort: 8080", "targetPort: 8080\n    nodePort: 30080"));
    String nodePortService = SERVICE.replace("spec:\n", "spec:\n  type: NodePort\n");
    assertEquals(List.of(), errors(nodePortService.replace("targetPort: 8080", "targetPort: 8080\n    nodePort: 30080"),
        Service.class));
    assertEquals(List.of("spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range."
        + " The range of valid ports is 30000-32767"),
        errors(nodePortService.replace("targetPort: 8080", "targetPort: 8080\n    nodePort: 8080"), Service.class));
  }

  @Test
  void duplicateNodePorts() {
    assertEquals(List.of("spec.ports[1].nodePort: Duplicate value: 30080"), spec("""
        spec:
          type: NodePort
          ports:
          - {name: a, port: 80, nodePort: 30080}
          - {name: b, port: 81, nodePort: 30080}
        """));
  }

  @Test
  void clusterIPIsNoneOrAnAddress() {
    assertEquals(List.of("spec.clusterIPs[0]: Invalid value: \"10.0.0.300\": must be a valid IP address, (e.g. 10.9.8.7"
        + " or 2001:db8::ffff)"), service("spec:\n", "spec:\n  clusterIP: 10.0.0.300\n"));
    assertEquals(List.of("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"),
        service("spec:\n", "spec:\n  type: NodePort\n  clusterIP: None\n"));
  }

  @Test
  void externalNameNeedsADnsName() {
    assertEquals(List.of("spec.externalName: Required value"), spec("spec:\n  type: ExternalName\n"));
    assertEquals(List.of("spec.externalName: Invalid value: \"DB_host\": a lowercase RFC 1123 subdomain must consist of"
        + " lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g."
        + " 'example.com', regex used for validation is"
        + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        spec("spec:\n  type: ExternalName\n  externalName: DB_host\n"));
    assertEquals(List.of("spec.clusterIPs: Forbidden: may not be set for ExternalName services"),
        spec("spec:\n  type: ExternalName\n  externalName: db.example.com\n  clusterIP: 10.0.0.5\n"));
  }

  @Test
  void sessionAffinityIsAnEnum() {
    assertEquals(List.of("spec.sessionAffinity: Unsupported value: \"Cookie\": supported values: \"ClientIP\", \"None\""),
        service("spec:\n", "spec:\n  sessionAffinity: Cookie\n"));
  }

  private static Service withIps(String type, String... clusterIPs) {
    Service s = new io.fabric8.kubernetes.api.model.ServiceBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().withType(type).withClusterIPs(clusterIPs).withIpFamilies("IPv4").endSpec().build();
    return s;
  }

  @Test
  void anUpdateKeepsThePrimaryClusterIp() {
    assertEquals(List.of(), ServiceValidator.validateUpdate(withIps("ClusterIP", "10.96.1.1"), withIps("NodePort", "10.96.1.1")));
    assertEquals(List.of("spec.clusterIPs[0]: Invalid value: []string{\"10.96.1.2\"}: may not change once set"),
        ServiceValidator.validateUpdate(withIps("ClusterIP", "10.96.1.2"), withIps("ClusterIP", "10.96.1.1")).stream()
            .map(FieldError::toString).toList());
    assertEquals(List.of("spec.clusterIPs[0]: Invalid value: []string(nil): primary clusterIP can not be unset"),
        ServiceValidator.validateUpdate(withIps("ClusterIP"), withIps("ClusterIP", "10.96.1.1")).stream()
            .map(FieldError::toString).toList());
    assertEquals(List.of(), ServiceValidator.validateUpdate(withIps("ExternalName"), withIps("ClusterIP", "10.96.1.1")),
        "to ExternalName the addresses go");
    assertEquals(List.of(), ServiceValidator.validateUpdate(withIps("ClusterIP", "None"), withIps("ClusterIP", "None")));
  }
}
