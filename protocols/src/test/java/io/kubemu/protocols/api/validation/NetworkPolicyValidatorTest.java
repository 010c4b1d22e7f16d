package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.Manifests.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** networking.k8s.io/v1 NetworkPolicy: policy types, ports and peers as ValidateNetworkPolicySpec reports them. */
class NetworkPolicyValidatorTest {
  static final String POLICY = """
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: db
      spec:
        podSelector:
          matchLabels: {app: db}
        policyTypes: [Ingress]
        ingress:
        - from:
          - podSelector:
              matchLabels: {app: web}
          - ipBlock:
              cidr: 172.16.0.0/12
              except: [172.16.1.0/24]
          ports:
          - protocol: TCP
            port: 5432
      """;

  static List<String> policy(String from, String to) {
    return errors(POLICY.replace(from, to), NetworkPolicy.class);
  }

  @Test
  void aPlainPolicyIsValid() {
    assertEquals(List.of(), errors(POLICY, NetworkPolicy.class));
  }

  @Test
  void policyTypesAreIngressOrEgress() {
    assertEquals(List.of("spec.policyTypes[1]: Unsupported value: \"Both\": supported values: \"Ingress\", \"Egress\""),
        policy("[Ingress]", "[Ingress, Both]"));
    assertEquals(List.of("spec.policyTypes: Invalid value: []networking.PolicyType{\"Ingress\", \"Egress\", \"Ingress\"}:"
        + " may not specify more than two policyTypes"), policy("[Ingress]", "[Ingress, Egress, Ingress]"));
  }

  @Test
  void portsAndPortRanges() {
    assertEquals(List.of("spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\","
        + " \"UDP\", \"SCTP\""), policy("protocol: TCP", "protocol: ICMP"));
    assertEquals(List.of("spec.ingress[0].ports[0].endPort: Invalid value: 5000: must be greater than or equal to `port`"),
        policy("port: 5432", "port: 5432\n      endPort: 5000"));
    assertEquals(List.of("spec.ingress[0].ports[0].endPort: Invalid value: 5440: may not be specified when `port` is"
        + " non-numeric"), policy("port: 5432", "port: pg\n      endPort: 5440"));
  }

  @Test
  void aPeerIsOneThing() {
    assertEquals(List.of("spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer"),
        policy("  - ipBlock:\n", "  - namespaceSelector: {}\n      ipBlock:\n"));
    assertEquals(List.of("spec.ingress[0].from[0]: Required value: must specify a peer"),
        policy("    - podSelector:\n        matchLabels: {app: web}\n", "    - {}\n"));
  }

  @Test
  void ipBlockCidrsAreValidAndExceptIsInside() {
    assertEquals(List.of("spec.ingress[0].from[1].ipBlock.cidr: Invalid value: \"172.16.0.0/33\": must be a valid CIDR"
        + " value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"), policy("172.16.0.0/12", "172.16.0.0/33"));
    assertEquals(List.of("spec.ingress[0].from[1].ipBlock.except[0]: Invalid value: \"10.1.0.0/24\": must be a strict"
        + " subset of `cidr`"), policy("172.16.1.0/24", "10.1.0.0/24"));
    assertEquals(List.of("spec.ingress[0].from[1].ipBlock.except[0]: Invalid value: \"172.16.0.0/12\": must be a strict"
        + " subset of `cidr`"), policy("172.16.1.0/24", "172.16.0.0/12"));
  }

  @Test
  void selectorsAreChecked() {
    assertEquals(List.of("spec.podSelector.matchExpressions[0].values: Forbidden: may not be specified when `operator`"
        + " is 'Exists' or 'DoesNotExist'"),
        policy("matchLabels: {app: db}", "matchExpressions: [{key: app, operator: Exists, values: [db]}]"));
  }
}
