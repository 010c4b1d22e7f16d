package io.kubemu.protocols.api.calico;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The spec of an IPPool (Calico's {@code IPPoolSpec}). Left out, a mode is {@code Never}, the block size 26
 * (IPv4), the node selector {@code all()}, the allowed uses Workload and Tunnel, as Calico's API server fills them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class IPPoolSpec {
  public static final String NEVER = "Never";
  public static final String ALWAYS = "Always";
  public static final String CROSS_SUBNET = "CrossSubnet";
  public static final List<String> MODES = List.of(ALWAYS, CROSS_SUBNET, NEVER);
  public static final int DEFAULT_BLOCK_SIZE = 26;

  /** The pool, e.g. {@code 10.244.0.0/16}; no host bits set. */
  @JsonProperty("cidr")
  private String cidr;
  /** {@code Never}, {@code Always} or {@code CrossSubnet}. */
  @JsonProperty("vxlanMode")
  private String vxlanMode;
  /** {@code Never}, {@code Always} or {@code CrossSubnet}. */
  @JsonProperty("ipipMode")
  private String ipipMode;
  /** Masquerade traffic from the pool to destinations outside every pool. */
  @JsonProperty("natOutgoing")
  private Boolean natOutgoing;
  /** No new addresses are assigned from a disabled pool. */
  @JsonProperty("disabled")
  private Boolean disabled;
  /** The pool's routes are not exported over BGP. */
  @JsonProperty("disableBGPExport")
  private Boolean disableBGPExport;
  /** The prefix length of the blocks a node is given, 20..32 for IPv4. */
  @JsonProperty("blockSize")
  private Integer blockSize;
  /** A Calico selector of the nodes that take addresses from the pool. */
  @JsonProperty("nodeSelector")
  private String nodeSelector;
  /** A Calico selector of the namespaces whose pods take addresses from the pool. */
  @JsonProperty("namespaceSelector")
  private String namespaceSelector;
  /** {@code Workload}, {@code Tunnel}, {@code LoadBalancer}. */
  @JsonProperty("allowedUses")
  private List<String> allowedUses;
  /** {@code Automatic} or {@code Manual}. */
  @JsonProperty("assignmentMode")
  private String assignmentMode;

  public String getCidr() {
    return cidr;
  }

  public void setCidr(String cidr) {
    this.cidr = cidr;
  }

  public String getVxlanMode() {
    return vxlanMode;
  }

  public void setVxlanMode(String vxlanMode) {
    this.vxlanMode = vxlanMode;
  }

  public String getIpipMode() {
    return ipipMode;
  }

  public void setIpipMode(String ipipMode) {
    this.ipipMode = ipipMode;
  }

  public Boolean getNatOutgoing() {
    return natOutgoing;
  }

  public void setNatOutgoing(Boolean natOutgoing) {
    this.natOutgoing = natOutgoing;
  }

  public Boolean getDisabled() {
    return disabled;
  }

  public void setDisabled(Boolean disabled) {
    this.disabled = disabled;
  }

  public Boolean getDisableBGPExport() {
    return disableBGPExport;
  }

  public void setDisableBGPExport(Boolean disableBGPExport) {
    this.disableBGPExport = disableBGPExport;
  }

  public Integer getBlockSize() {
    return blockSize;
  }

  public void setBlockSize(Integer blockSize) {
    this.blockSize = blockSize;
  }

  public String getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(String nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public String getNamespaceSelector() {
    return namespaceSelector;
  }

  public void setNamespaceSelector(String namespaceSelector) {
    this.namespaceSelector = namespaceSelector;
  }

  public List<String> getAllowedUses() {
    return allowedUses;
  }

  public void setAllowedUses(List<String> allowedUses) {
    this.allowedUses = allowedUses;
  }

  public String getAssignmentMode() {
    return assignmentMode;
  }

  public void setAssignmentMode(String assignmentMode) {
    this.assignmentMode = assignmentMode;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof IPPoolSpec)) {
      return false;
    }
    IPPoolSpec s = (IPPoolSpec) o;
    return Objects.equals(cidr, s.cidr) && Objects.equals(vxlanMode, s.vxlanMode)
        && Objects.equals(ipipMode, s.ipipMode) && Objects.equals(natOutgoing, s.natOutgoing)
        && Objects.equals(disabled, s.disabled) && Objects.equals(disableBGPExport, s.disableBGPExport)
        && Objects.equals(blockSize, s.blockSize) && Objects.equals(nodeSelector, s.nodeSelector)
        && Objects.equals(namespaceSelector, s.namespaceSelector) && Objects.equals(allowedUses, s.allowedUses)
        && Objects.equals(assignmentMode, s.assignmentMode);
  }

  @Override
  public int hashCode() {
    return Objects.hash(cidr, vxlanMode, ipipMode, natOutgoing, disabled, disableBGPExport, blockSize, nodeSelector,
        namespaceSelector, allowedUses, assignmentMode);
  }

  @Override
  public String toString() {
    return "IPPoolSpec{cidr=" + cidr + ", vxlanMode=" + vxlanMode + ", ipipMode=" + ipipMode + ", natOutgoing="
        + natOutgoing + ", disabled=" + disabled + ", disableBGPExport=" + disableBGPExport + ", blockSize=" + blockSize
        + ", nodeSelector=" + nodeSelector + ", namespaceSelector=" + namespaceSelector + ", allowedUses=" + allowedUses
        + ", assignmentMode=" + assignmentMode + "}";
  }
}
