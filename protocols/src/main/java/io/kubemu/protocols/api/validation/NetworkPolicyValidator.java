package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.ObjectMetaValidator.orEmpty;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import io.kubemu.protocols.addr.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code spec} of a networking.k8s.io/v1 NetworkPolicy as {@code ValidateNetworkPolicySpec} checks it. */
public final class NetworkPolicyValidator {
  static final List<String> POLICY_TYPES = List.of("Ingress", "Egress");
  static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");

  private NetworkPolicyValidator() {}

  public static List<FieldError> validate(NetworkPolicy policy) {
    NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
    FieldPath path = FieldPath.of("spec");
    List<FieldError> errs = new ArrayList<>(LabelSelectors.validate(spec.getPodSelector(), path.child("podSelector")));
    List<NetworkPolicyIngressRule> ingress = LabelSelectors.orEmptyList(spec.getIngress());
    for (int i = 0; i < ingress.size(); i++) {
      FieldPath at = path.child("ingress").index(i);
      ports(ingress.get(i).getPorts(), at.child("ports"), errs);
      peers(ingress.get(i).getFrom(), at.child("from"), errs);
    }
    List<NetworkPolicyEgressRule> egress = LabelSelectors.orEmptyList(spec.getEgress());
    for (int i = 0; i < egress.size(); i++) {
      FieldPath at = path.child("egress").index(i);
      ports(egress.get(i).getPorts(), at.child("ports"), errs);
      peers(egress.get(i).getTo(), at.child("to"), errs);
    }
    List<String> types = LabelSelectors.orEmptyList(spec.getPolicyTypes());
    if (types.size() > POLICY_TYPES.size()) {
      errs.add(FieldError.invalidRendered(path.child("policyTypes"), GoValues.stringSlice(types).replace("[]string", "[]networking.PolicyType"),
          "may not specify more than two policyTypes"));
      return errs;
    }
    for (int i = 0; i < types.size(); i++) {
      if (!POLICY_TYPES.contains(types.get(i))) {
        errs.add(FieldError.notSupported(path.child("policyTypes").index(i), orEmpty(types.get(i)), POLICY_TYPES));
      }
    }
    return errs;
  }

  private static void ports(List<NetworkPolicyPort> ports, FieldPath path, List<FieldError> errs) {
    ports = LabelSelectors.orEmptyList(ports);
    for (int i = 0; i < ports.size(); i++) {
      NetworkPolicyPort p = ports.get(i);
      FieldPath at = path.index(i);
      String protocol = p.getProtocol();
      if (protocol != null && !PROTOCOLS.contains(protocol)) {
        errs.add(FieldError.notSupported(at.child("protocol"), protocol, PROTOCOLS));
      }
      IntOrString port = p.getPort();
      Integer endPort = p.getEndPort();
      if (port == null) {
        if (endPort != null) {
          errs.add(FieldError.invalid(at.child("endPort"), endPort, "may not be specified when `port` is not specified"));
        }
      } else if (port.getStrVal() == null) {
        int number = port.getIntVal() == null ? 0 : port.getIntVal();
        Formats.portNumber(number).forEach(m -> errs.add(FieldError.invalid(at.child("port"), number, m)));
        if (endPort != null) {
          if (endPort < number) {
            errs.add(FieldError.invalid(at.child("endPort"), endPort, "must be greater than or equal to `port`"));
          }
          Formats.portNumber(endPort).forEach(m -> errs.add(FieldError.invalid(at.child("endPort"), endPort, m)));
        }
      } else {
        if (endPort != null) {
          errs.add(FieldError.invalid(at.child("endPort"), endPort, "may not be specified when `port` is non-numeric"));
        }
        String name = port.getStrVal();
        Formats.portName(name).forEach(m -> errs.add(FieldError.invalid(at.child("port"), name, m)));
      }
    }
  }

  private static void peers(List<NetworkPolicyPeer> peers, FieldPath path, List<FieldError> errs) {
    peers = LabelSelectors.orEmptyList(peers);
    for (int i = 0; i < peers.size(); i++) {
      NetworkPolicyPeer peer = peers.get(i);
      FieldPath at = path.index(i);
      int count = 0;
      if (peer.getPodSelector() != null) {
        count++;
        errs.addAll(LabelSelectors.validate(peer.getPodSelector(), at.child("podSelector")));
      }
      if (peer.getNamespaceSelector() != null) {
        count++;
        errs.addAll(LabelSelectors.validate(peer.getNamespaceSelector(), at.child("namespaceSelector")));
      }
      if (peer.getIpBlock() != null) {
        count++;
        ipBlock(peer.getIpBlock(), at.child("ipBlock"), errs);
      }
      if (count == 0) {
        errs.add(FieldError.required(at, "must specify a peer"));
      } else if (count > 1 && peer.getIpBlock() != null) {
        errs.add(FieldError.forbidden(at, "may not specify both ipBlock and another peer"));
      }
    }
  }

  private static void ipBlock(IPBlock block, FieldPath at, List<FieldError> errs) {
    String cidr = orEmpty(block.getCidr());
    if (cidr.isEmpty()) {
      errs.add(FieldError.required(at.child("cidr"), ""));
      return;
    }
    Formats.cidr(cidr).forEach(m -> errs.add(FieldError.invalid(at.child("cidr"), cidr, m)));
    Optional<Cidr> outer = Formats.parseCidr(cidr);
    if (outer.isEmpty()) {
      return;
    }
    List<String> except = LabelSelectors.orEmptyList(block.getExcept());
    for (int i = 0; i < except.size(); i++) {
      String text = orEmpty(except.get(i));
      FieldPath ep = at.child("except").index(i);
      Formats.cidr(text).forEach(m -> errs.add(FieldError.invalid(ep, text, m)));
      Optional<Cidr> inner = Formats.parseCidr(text);
      if (inner.isPresent() && !(outer.get().contains(inner.get().network())
          && outer.get().prefixLength() < inner.get().prefixLength())) {
        errs.add(FieldError.invalid(ep, text, "must be a strict subset of `cidr`"));
      }
    }
  }
}
