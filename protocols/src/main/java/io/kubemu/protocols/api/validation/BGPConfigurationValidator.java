package io.kubemu.protocols.api.validation;

import io.kubemu.protocols.api.calico.BGPConfiguration;
import io.kubemu.protocols.api.calico.BGPConfigurationSpec;
import io.kubemu.protocols.api.calico.CidrBlock;
import io.kubemu.protocols.api.calico.Community;
import io.kubemu.protocols.api.calico.PrefixAdvertisement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A projectcalico.org/v3 BGPConfiguration as Calico checks it: named {@code default} or {@code node.<node>};
 * the mesh, the AS number and the service external and cluster IPs only on the default; an AS number,
 * CIDRs, a port, communities and enumerations that are valid.
 */
public final class BGPConfigurationValidator {
  static final List<String> LOG_SEVERITIES = List.of("Trace", "Debug", "Info", "Warning", "Error", "Fatal");
  static final List<String> BIND_MODES = List.of("NodeIP", "None");
  static final List<String> AGGREGATIONS = List.of("Disabled", "Enabled");
  private static final Pattern COMMUNITY = Pattern.compile("\\d+:\\d+(:\\d+)?");

  private BGPConfigurationValidator() {}

  public static List<FieldError> validate(BGPConfiguration config) {
    BGPConfigurationSpec spec = config.getSpec() == null ? new BGPConfigurationSpec() : config.getSpec();
    String name = config.getMetadata() == null || config.getMetadata().getName() == null ? "" : config.getMetadata().getName();
    List<FieldError> errs = new ArrayList<>();
    FieldPath at = FieldPath.of("spec");
    boolean isDefault = name.equals(BGPConfiguration.DEFAULT);
    if (!isDefault && !(name.startsWith(BGPConfiguration.NODE_PREFIX) && name.length() > BGPConfiguration.NODE_PREFIX.length())) {
      errs.add(FieldError.invalid(FieldPath.of("metadata").child("name"), name,
          "must be \"default\" (the cluster's) or \"node.<node name>\" (one node's), e.g. node.w1"));
    }
    if (!isDefault) {
      onDefaultOnly(spec.getNodeToNodeMeshEnabled() != null, at.child("nodeToNodeMeshEnabled"), errs);
      onDefaultOnly(spec.getAsNumber() != null, at.child("asNumber"), errs);
      onDefaultOnly(!LabelSelectors.orEmptyList(spec.getServiceExternalIPs()).isEmpty(), at.child("serviceExternalIPs"), errs);
      onDefaultOnly(!LabelSelectors.orEmptyList(spec.getServiceClusterIPs()).isEmpty(), at.child("serviceClusterIPs"), errs);
    }
    if (Boolean.FALSE.equals(spec.getNodeToNodeMeshEnabled())) {
      meshOnly(spec.getNodeMeshPassword() != null, at.child("nodeMeshPassword"), errs);
      meshOnly(spec.getNodeMeshMaxRestartTime() != null, at.child("nodeMeshMaxRestartTime"), errs);
    }
    CalicoFields.asNumber(spec.getAsNumber(), at.child("asNumber"), errs);
    blocks(spec.getServiceClusterIPs(), at.child("serviceClusterIPs"), errs);
    blocks(spec.getServiceExternalIPs(), at.child("serviceExternalIPs"), errs);
    blocks(spec.getServiceLoadBalancerIPs(), at.child("serviceLoadBalancerIPs"), errs);
    CalicoFields.port(spec.getListenPort(), at.child("listenPort"), errs);
    String severity = spec.getLogSeverityScreen();
    if (severity != null && !severity.isEmpty() && LOG_SEVERITIES.stream().noneMatch(severity::equalsIgnoreCase)) {
      errs.add(FieldError.notSupported(at.child("logSeverityScreen"), severity, LOG_SEVERITIES));
    }
    CalicoFields.oneOf(spec.getBindMode(), BIND_MODES, at.child("bindMode"), errs);
    CalicoFields.oneOf(spec.getServiceLoadBalancerAggregation(), AGGREGATIONS, at.child("serviceLoadBalancerAggregation"), errs);
    CalicoFields.duration(spec.getNodeMeshMaxRestartTime(), at.child("nodeMeshMaxRestartTime"), errs);
    communities(spec, at, errs);
    address(spec.getLocalWorkloadPeeringIPV4(), Formats::ipv4, at.child("localWorkloadPeeringIPV4"), errs);
    address(spec.getLocalWorkloadPeeringIPV6(), Formats::ipv6, at.child("localWorkloadPeeringIPV6"), errs);
    return errs;
  }

  private static void onDefaultOnly(boolean set, FieldPath at, List<FieldError> errs) {
    if (set) {
      errs.add(FieldError.forbidden(at, "may only be set in the BGPConfiguration named \"default\""));
    }
  }

  private static void meshOnly(boolean set, FieldPath at, List<FieldError> errs) {
    if (set) {
      errs.add(FieldError.forbidden(at, "cannot be set when nodeToNodeMeshEnabled is false"));
    }
  }

  private static void blocks(List<CidrBlock> blocks, FieldPath at, List<FieldError> errs) {
    List<CidrBlock> list = LabelSelectors.orEmptyList(blocks);
    for (int i = 0; i < list.size(); i++) {
      CalicoFields.cidr(list.get(i) == null ? null : list.get(i).cidr(), at.index(i).child("cidr"), errs);
    }
  }

  private static void communities(BGPConfigurationSpec spec, FieldPath at, List<FieldError> errs) {
    List<Community> communities = LabelSelectors.orEmptyList(spec.getCommunities());
    for (int i = 0; i < communities.size(); i++) {
      Community c = communities.get(i) == null ? new Community(null, null) : communities.get(i);
      FieldPath ci = at.child("communities").index(i);
      if (c.name() == null || c.name().isEmpty()) {
        errs.add(FieldError.required(ci.child("name"), ""));
      }
      if (c.value() == null || !COMMUNITY.matcher(c.value()).matches()) {
        errs.add(c.value() == null ? FieldError.required(ci.child("value"), "")
            : FieldError.invalid(ci.child("value"), c.value(), "must be aa:nn (standard) or aa:nn:mm (large)"));
      }
    }
    List<PrefixAdvertisement> ads = LabelSelectors.orEmptyList(spec.getPrefixAdvertisements());
    for (int i = 0; i < ads.size(); i++) {
      CalicoFields.cidr(ads.get(i) == null ? null : ads.get(i).cidr(), at.child("prefixAdvertisements").index(i).child("cidr"), errs);
    }
  }

  private static void address(String value, Function<String, List<String>> format, FieldPath at,
      List<FieldError> errs) {
    if (value != null && !value.isEmpty()) {
      format.apply(value).forEach(m -> errs.add(FieldError.invalid(at, value, m)));
    }
  }
}
