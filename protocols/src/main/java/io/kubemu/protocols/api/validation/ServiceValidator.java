package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.ObjectMetaValidator.orEmpty;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code spec} of a v1 Service as {@code ValidateService} checks it on create, then the node port allocator's
 * range check. type (ClusterIP), protocol (TCP), targetPort (= port) and sessionAffinity (None) are defaulted
 * when absent; clusterIP is moved into clusterIPs first, so its errors name {@code spec.clusterIPs[0]}.
 */
public final class ServiceValidator {
  static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  static final List<String> AFFINITIES = List.of("ClientIP", "None");
  static final int NODE_PORT_MIN = 30000;
  static final int NODE_PORT_MAX = 32767;

  private ServiceValidator() {}

  public static List<FieldError> validate(Service service) {
    ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
    FieldPath path = FieldPath.of("spec");
    List<FieldError> errs = new ArrayList<>();
    String type = orEmpty(spec.getType()).isEmpty() ? "ClusterIP" : spec.getType();
    List<String> clusterIPs = clusterIPs(spec);
    boolean headless = clusterIPs.size() == 1 && "None".equals(clusterIPs.get(0));
    List<ServicePort> ports = LabelSelectors.orEmptyList(spec.getPorts());
    if (ports.isEmpty() && !headless && !type.equals("ExternalName")) {
      errs.add(FieldError.required(path.child("ports"), ""));
    }
    switch (type) {
      case "LoadBalancer", "NodePort" -> {
        if (headless) {
          errs.add(FieldError.invalid(path.child("clusterIPs").index(0), "None",
              "may not be set to 'None' for " + type + " services"));
        }
      }
      case "ExternalName" -> externalName(spec, clusterIPs, path, errs);
      default -> { }
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      port(ports.get(i), ports.size() > 1, names, path.child("ports").index(i), errs);
    }
    errs.addAll(ObjectMetaValidator.labels(spec.getSelector(), path.child("selector")));
    String affinity = orEmpty(spec.getSessionAffinity());
    if (!affinity.isEmpty() && !AFFINITIES.contains(affinity)) {
      errs.add(FieldError.notSupported(path.child("sessionAffinity"), affinity, AFFINITIES));
    }
    if (!type.equals("ExternalName")) {
      clusterIPFields(spec, clusterIPs, path, errs);
    }
    if (!TYPES.contains(type)) {
      errs.add(FieldError.notSupported(path.child("type"), type, TYPES));
    }
    nodePorts(ports, type, path.child("ports"), errs);
    return errs;
  }

  private static void externalName(ServiceSpec spec, List<String> clusterIPs, FieldPath path, List<FieldError> errs) {
    if (!clusterIPs.isEmpty()) {
      errs.add(FieldError.forbidden(path.child("clusterIPs"), "may not be set for ExternalName services"));
    }
    if (spec.getIpFamilies() != null && !spec.getIpFamilies().isEmpty()) {
      errs.add(FieldError.forbidden(path.child("ipFamilies"), "may not be set for ExternalName services"));
    }
    if (spec.getIpFamilyPolicy() != null) {
      errs.add(FieldError.forbidden(path.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
    }
    String name = orEmpty(spec.getExternalName());
    String cname = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (cname.isEmpty()) {
      errs.add(FieldError.required(path.child("externalName"), ""));
    } else {
      Formats.dns1123Subdomain(cname).forEach(m -> errs.add(FieldError.invalid(path.child("externalName"), cname, m)));
    }
  }

  private static void port(ServicePort p, boolean requireName, Set<String> names, FieldPath at, List<FieldError> errs) {
    String name = orEmpty(p.getName());
    if (requireName && name.isEmpty()) {
      errs.add(FieldError.required(at.child("name"), ""));
    } else if (!name.isEmpty()) {
      Formats.dns1123Label(name).forEach(m -> errs.add(FieldError.invalid(at.child("name"), name, m)));
      if (!names.add(name)) {
        errs.add(FieldError.duplicate(at.child("name"), name));
      }
    }
    int number = p.getPort() == null ? 0 : p.getPort();
    Formats.portNumber(number).forEach(m -> errs.add(FieldError.invalid(at.child("port"), number, m)));
    String protocol = orEmpty(p.getProtocol());
    if (!protocol.isEmpty() && !PodValidator.PROTOCOLS.contains(protocol)) {
      errs.add(FieldError.notSupported(at.child("protocol"), protocol, PodValidator.PROTOCOLS));
    }
    IntOrString target = p.getTargetPort();
    if (target != null && target.getStrVal() != null && !target.getStrVal().isEmpty()) {
      String s = target.getStrVal();
      Formats.portName(s).forEach(m -> errs.add(FieldError.invalid(at.child("targetPort"), s, m)));
    } else if (target != null && target.getIntVal() != null && target.getIntVal() != 0) {
      int t = target.getIntVal();
      Formats.portNumber(t).forEach(m -> errs.add(FieldError.invalid(at.child("targetPort"), t, m)));
    }
  }

  /** The part of {@code ValidateServiceClusterIPsRelatedFields} that concerns the addresses themselves. */
  private static void clusterIPFields(ServiceSpec spec, List<String> clusterIPs, FieldPath path, List<FieldError> errs) {
    FieldPath field = path.child("clusterIPs");
    String clusterIP = orEmpty(spec.getClusterIP());
    if (!clusterIP.isEmpty() && !clusterIPs.isEmpty() && !clusterIP.equals(clusterIPs.get(0))) {
      errs.add(FieldError.invalidRendered(field, GoValues.stringSlice(clusterIPs), "first value must match `clusterIP`"));
    }
    for (int i = 0; i < clusterIPs.size(); i++) {
      String ip = orEmpty(clusterIPs.get(i));
      if (i == 0 && ip.equals("None")) {
        if (clusterIPs.size() > 1) {
          errs.add(FieldError.invalidRendered(field, GoValues.stringSlice(clusterIPs), "'None' must be the first and only value"));
        }
        continue;
      }
      FieldPath at = field.index(i);
      Formats.ip(ip).forEach(m -> errs.add(FieldError.invalid(at, ip, m)));
    }
  }

  /** nodePort: forbidden for ClusterIP, unique per protocol, then inside the allocator's range. */
  private static void nodePorts(List<ServicePort> ports, String type, FieldPath path, List<FieldError> errs) {
    Set<String> seenNodePorts = new HashSet<>();
    Set<String> seenPorts = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ServicePort p = ports.get(i);
      FieldPath at = path.index(i);
      int nodePort = p.getNodePort() == null ? 0 : p.getNodePort();
      String protocol = orEmpty(p.getProtocol()).isEmpty() ? "TCP" : p.getProtocol();
      if (nodePort != 0 && type.equals("ClusterIP")) {
        errs.add(FieldError.forbidden(at.child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
      }
      if (nodePort != 0 && !seenNodePorts.add(protocol + "/" + nodePort)) {
        errs.add(FieldError.duplicate(at.child("nodePort"), nodePort));
      }
      int port = p.getPort() == null ? 0 : p.getPort();
      if (!seenPorts.add(protocol + "/" + port)) {
        errs.add(new FieldError(at.text(), FieldError.Type.DUPLICATE, "core.ServicePort{Name:\"\", Protocol:"
            + FieldError.quote(protocol) + ", AppProtocol:(*string)(nil), Port:" + port
            + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}", ""));
      }
    }
    boolean allocates = type.equals("NodePort") || type.equals("LoadBalancer");
    for (int i = 0; i < ports.size() && allocates && errs.isEmpty(); i++) {
      int nodePort = ports.get(i).getNodePort() == null ? 0 : ports.get(i).getNodePort();
      if (nodePort != 0 && (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX)) {
        errs.add(FieldError.invalid(path.index(i).child("nodePort"), nodePort, "provided port is not in the valid range."
            + " The range of valid ports is " + NODE_PORT_MIN + "-" + NODE_PORT_MAX));
      }
    }
  }

  /**
   * What {@code ValidateServiceUpdate} adds on an update: the primary cluster IP and IP family may not change
   * (validateUpgradeDowngradeClusterIPs and ...IPFamilies), except to or from ExternalName, or between headless ones.
   */
  public static List<FieldError> validateUpdate(Service service, Service old) {
    ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
    ServiceSpec was = old.getSpec() == null ? new ServiceSpec() : old.getSpec();
    List<FieldError> errs = new ArrayList<>();
    if ("ExternalName".equals(spec.getType()) || "ExternalName".equals(was.getType())) {
      return errs;
    }
    List<String> now = LabelSelectors.orEmptyList(spec.getClusterIPs());
    List<String> before = LabelSelectors.orEmptyList(was.getClusterIPs());
    if (isHeadless(now) && isHeadless(before)) {
      return errs;
    }
    FieldPath first = FieldPath.of("spec").child("clusterIPs").index(0);
    if (now.isEmpty() && !before.isEmpty()) {
      errs.add(clusterIPsInvalid(first, now, "primary clusterIP can not be unset"));
    } else if (!now.isEmpty() && !before.isEmpty() && !now.get(0).equals(before.get(0))) {
      errs.add(clusterIPsInvalid(first, now, "may not change once set"));
    }
    List<String> families = LabelSelectors.orEmptyList(spec.getIpFamilies());
    List<String> familiesBefore = LabelSelectors.orEmptyList(was.getIpFamilies());
    if (!families.isEmpty() && !familiesBefore.isEmpty() && !families.get(0).equals(familiesBefore.get(0))) {
      errs.add(FieldError.invalidRendered(FieldPath.of("spec").child("ipFamilies").index(0),
          "[]core.IPFamily{" + families.stream().map(FieldError::quote).collect(Collectors.joining(", ")) + "}",
          "may not change once set"));
    }
    return errs;
  }

  /** An error about the clusterIPs, whose bad value the API server prints as the whole list: {@code []string{"10.96.0.10"}}. */
  public static FieldError clusterIPsInvalid(FieldPath field, List<String> clusterIPs, String detail) {
    return FieldError.invalidRendered(field, GoValues.stringSlice(clusterIPs), detail);
  }

  private static boolean isHeadless(List<String> clusterIPs) {
    return clusterIPs.size() == 1 && "None".equals(clusterIPs.get(0));
  }

  /** clusterIPs as the API server sees them after moving a lone clusterIP in. */
  private static List<String> clusterIPs(ServiceSpec spec) {
    List<String> ips = LabelSelectors.orEmptyList(spec.getClusterIPs());
    if (ips.isEmpty() && !orEmpty(spec.getClusterIP()).isEmpty()) {
      return List.of(spec.getClusterIP());
    }
    return ips;
  }
}
