package io.kubemu.protocols.api.validation;

import io.kubemu.protocols.addr.Cidr;
import io.kubemu.protocols.addr.Ipv4Address;
import io.kubemu.protocols.addr.Ipv4Cidr;
import io.kubemu.protocols.api.calico.IPPool;
import io.kubemu.protocols.api.calico.IPPoolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code spec} of a projectcalico.org/v3 IPPool as Calico's API server checks it on its own (the checks that
 * need the other pools, overlap and immutable fields, are the store's): an IPv4 CIDR without host bits,
 * blocks of /20 to /32 that fit in it, one encapsulation at most, selectors that parse.
 */
public final class IPPoolValidator {
  static final List<String> ALLOWED_USES = List.of("LoadBalancer", "Tunnel", "Workload");
  static final List<String> ASSIGNMENT_MODES = List.of("Automatic", "Manual");
  private static final Ipv4Cidr LINK_LOCAL = Ipv4Cidr.parse("169.254.0.0/16");
  private static final int MIN_BLOCK = 20;
  private static final int MAX_BLOCK = 32;

  private IPPoolValidator() {}

  public static List<FieldError> validate(IPPool pool) {
    IPPoolSpec spec = pool.getSpec() == null ? new IPPoolSpec() : pool.getSpec();
    FieldPath at = FieldPath.of("spec");
    List<FieldError> errs = new ArrayList<>();
    Ipv4Cidr block = cidr(spec.getCidr(), at.child("cidr"), errs);
    int blockSize = spec.getBlockSize() == null ? IPPoolSpec.DEFAULT_BLOCK_SIZE : spec.getBlockSize();
    if (blockSize < MIN_BLOCK || blockSize > MAX_BLOCK) {
      errs.add(FieldError.invalid(at.child("blockSize"), blockSize, "IPv4 block size " + Formats.inclusiveRangeError(MIN_BLOCK, MAX_BLOCK)));
    } else if (block != null && !Boolean.TRUE.equals(spec.getDisabled()) && block.prefixLength() > blockSize) {
      errs.add(FieldError.invalid(at.child("cidr"), spec.getCidr(), "the pool is smaller than one block: a /"
          + block.prefixLength() + " cannot hold a /" + blockSize + " block (expected: a prefix length of at most " + blockSize + ")"));
    }
    CalicoFields.oneOf(spec.getIpipMode(), IPPoolSpec.MODES, at.child("ipipMode"), errs);
    CalicoFields.oneOf(spec.getVxlanMode(), IPPoolSpec.MODES, at.child("vxlanMode"), errs);
    if (encapsulates(spec.getIpipMode()) && encapsulates(spec.getVxlanMode())) {
      errs.add(FieldError.invalid(at.child("vxlanMode"), spec.getVxlanMode(), "cannot enable both VXLAN and IPIP on the same IPPool"));
    }
    CalicoFields.selector(spec.getNodeSelector(), at.child("nodeSelector"), errs);
    CalicoFields.selector(spec.getNamespaceSelector(), at.child("namespaceSelector"), errs);
    List<String> uses = LabelSelectors.orEmptyList(spec.getAllowedUses());
    for (int i = 0; i < uses.size(); i++) {
      CalicoFields.oneOf(uses.get(i), ALLOWED_USES, at.child("allowedUses").index(i), errs);
    }
    CalicoFields.oneOf(spec.getAssignmentMode(), ASSIGNMENT_MODES, at.child("assignmentMode"), errs);
    return errs;
  }

  /** The pool's block when the text is an IPv4 network without host bits outside the link-local range; null after an error. */
  private static Ipv4Cidr cidr(String text, FieldPath at, List<FieldError> errs) {
    if (text == null || text.isEmpty()) {
      errs.add(FieldError.required(at, "the pool's addresses, e.g. 10.244.0.0/16"));
      return null;
    }
    Optional<Cidr> parsed = Formats.parseCidr(text);
    if (parsed.isEmpty()) {
      errs.add(FieldError.invalid(at, text, "must be a valid CIDR, e.g. 10.244.0.0/16"));
      return null;
    }
    if (!(parsed.get() instanceof Ipv4Cidr block)) {
      errs.add(FieldError.invalid(at, text, "must be an IPv4 CIDR: kubemu's pod network is IPv4 only"));
      return null;
    }
    if (!Ipv4Address.parse(text.substring(0, text.indexOf('/'))).equals(block.network())) {
      errs.add(FieldError.invalid(at, text, "must have no host bits set (expected: " + block + ")"));
      return null;
    }
    if (block.overlaps(LINK_LOCAL)) {
      errs.add(FieldError.invalid(at, text, "overlaps the IPv4 link-local range " + LINK_LOCAL));
      return null;
    }
    return block;
  }

  private static boolean encapsulates(String mode) {
    return mode != null && !mode.equals(IPPoolSpec.NEVER);
  }
}
