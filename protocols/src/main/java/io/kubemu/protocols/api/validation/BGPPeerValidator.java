package io.kubemu.protocols.api.validation;

import io.kubemu.protocols.api.calico.BGPPeer;
import io.kubemu.protocols.api.calico.BGPPeerSpec;
import io.kubemu.protocols.api.calico.PeerAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code spec} of a projectcalico.org/v3 BGPPeer as Calico checks it: which nodes peer (node or nodeSelector,
 * not both), with whom (peerIP with its asNumber, or peerSelector without either), selectors that parse, and
 * valid enumerations, durations and addresses.
 */
public final class BGPPeerValidator {
  static final List<String> SOURCE_ADDRESSES = List.of("None", "UseNodeIP");
  static final List<String> NEXT_HOP_MODES = List.of("Auto", "Keep", "Self");
  static final List<String> REVERSE_PEERINGS = List.of("Auto", "Manual");

  private BGPPeerValidator() {}

  public static List<FieldError> validate(BGPPeer peer) {
    BGPPeerSpec spec = peer.getSpec() == null ? new BGPPeerSpec() : peer.getSpec();
    FieldPath at = FieldPath.of("spec");
    List<FieldError> errs = new ArrayList<>();
    if (set(spec.getNode())) {
      Formats.dns1123Subdomain(spec.getNode()).forEach(m -> errs.add(FieldError.invalid(at.child("node"), spec.getNode(), m)));
      if (set(spec.getNodeSelector())) {
        errs.add(FieldError.forbidden(at.child("nodeSelector"), "may not be set with node: a peering is for one node or for"
            + " the nodes a selector picks"));
      }
    }
    boolean byIp = set(spec.getPeerIP());
    boolean bySelector = set(spec.getPeerSelector());
    boolean byWorkload = set(spec.getLocalWorkloadSelector());
    if (bySelector) {
      forbidWith(byIp, at.child("peerIP"), "peerSelector", errs);
      forbidWith(spec.getAsNumber() != null, at.child("asNumber"), "peerSelector", errs);
    }
    if (byWorkload) {
      forbidWith(byIp, at.child("peerIP"), "localWorkloadSelector", errs);
      forbidWith(bySelector, at.child("peerSelector"), "localWorkloadSelector", errs);
    }
    if ((byIp || byWorkload) && !bySelector && spec.getAsNumber() == null) {
      errs.add(FieldError.required(at.child("asNumber"), "the peer's AS number is required with " + (byIp ? "peerIP" : "localWorkloadSelector")));
    }
    if (!byIp && !bySelector && !byWorkload) {
      errs.add(FieldError.required(at.child("peerIP"), "either peerIP (with asNumber) or peerSelector must be set"));
    }
    if (byIp) {
      try {
        PeerAddress.parse(spec.getPeerIP());
      } catch (IllegalArgumentException e) {
        errs.add(FieldError.invalid(at.child("peerIP"), spec.getPeerIP(), e.getMessage()));
      }
    }
    CalicoFields.asNumber(spec.getAsNumber(), at.child("asNumber"), errs);
    CalicoFields.selector(spec.getNodeSelector(), at.child("nodeSelector"), errs);
    CalicoFields.selector(spec.getPeerSelector(), at.child("peerSelector"), errs);
    CalicoFields.selector(spec.getLocalWorkloadSelector(), at.child("localWorkloadSelector"), errs);
    CalicoFields.oneOf(spec.getSourceAddress(), SOURCE_ADDRESSES, at.child("sourceAddress"), errs);
    CalicoFields.oneOf(spec.getNextHopMode(), NEXT_HOP_MODES, at.child("nextHopMode"), errs);
    CalicoFields.oneOf(spec.getReversePeering(), REVERSE_PEERINGS, at.child("reversePeering"), errs);
    CalicoFields.duration(spec.getMaxRestartTime(), at.child("maxRestartTime"), errs);
    if (set(spec.getReachableBy())) {
      Formats.ip(spec.getReachableBy()).forEach(m -> errs.add(FieldError.invalid(at.child("reachableBy"), spec.getReachableBy(), m)));
    }
    if (spec.getTtlSecurity() != null && (spec.getTtlSecurity() < 0 || spec.getTtlSecurity() > 255)) {
      errs.add(FieldError.invalid(at.child("ttlSecurity"), spec.getTtlSecurity(), Formats.inclusiveRangeError(0, 255)));
    }
    return errs;
  }

  private static void forbidWith(boolean set, FieldPath at, String other, List<FieldError> errs) {
    if (set) {
      errs.add(FieldError.forbidden(at, "may not be set with " + other));
    }
  }

  private static boolean set(String s) {
    return s != null && !s.isEmpty();
  }
}
