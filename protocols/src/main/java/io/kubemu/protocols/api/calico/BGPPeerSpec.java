package io.kubemu.protocols.api.calico;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The spec of a BGPPeer (Calico's {@code BGPPeerSpec}): which nodes peer (node, nodeSelector, or all), and with
 * whom (peerIP and asNumber, or the nodes of peerSelector). Passwords, filters and timers are accepted and not used.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class BGPPeerSpec {
  /** The one node that peers; excludes nodeSelector. */
  @JsonProperty("node")
  private String node;
  /** A Calico selector of the nodes that peer. */
  @JsonProperty("nodeSelector")
  private String nodeSelector;
  /** The peer's address, with an optional port: {@code 10.0.0.1}, {@code 10.0.0.1:1790}, {@code [fd00::1]:179}. */
  @JsonProperty("peerIP")
  private String peerIP;
  /** The peer's AS number; required with peerIP. */
  @JsonProperty("asNumber")
  private AsNumber asNumber;
  /** A Calico selector of the nodes to peer with; excludes peerIP and asNumber. */
  @JsonProperty("peerSelector")
  private String peerSelector;
  @JsonProperty("keepOriginalNextHop")
  private Boolean keepOriginalNextHop;
  @JsonProperty("password")
  private BgpPassword password;
  /** {@code UseNodeIP} (default) or {@code None}. */
  @JsonProperty("sourceAddress")
  private String sourceAddress;
  /** A Go duration, e.g. {@code 120s}. */
  @JsonProperty("maxRestartTime")
  private String maxRestartTime;
  @JsonProperty("numAllowedLocalASNumbers")
  private Integer numAllowedLocalASNumbers;
  @JsonProperty("ttlSecurity")
  private Integer ttlSecurity;
  @JsonProperty("reachableBy")
  private String reachableBy;
  /** {@code Auto} (default): nodes of peerSelector peer back; {@code Manual}: they do not. */
  @JsonProperty("reversePeering")
  private String reversePeering;
  /** {@code Auto}, {@code Self} or {@code Keep}. */
  @JsonProperty("nextHopMode")
  private String nextHopMode;
  @JsonProperty("filters")
  private List<String> filters;
  @JsonProperty("localWorkloadSelector")
  private String localWorkloadSelector;

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public String getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(String nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public String getPeerIP() {
    return peerIP;
  }

  public void setPeerIP(String peerIP) {
    this.peerIP = peerIP;
  }

  public AsNumber getAsNumber() {
    return asNumber;
  }

  public void setAsNumber(AsNumber asNumber) {
    this.asNumber = asNumber;
  }

  public String getPeerSelector() {
    return peerSelector;
  }

  public void setPeerSelector(String peerSelector) {
    this.peerSelector = peerSelector;
  }

  public Boolean getKeepOriginalNextHop() {
    return keepOriginalNextHop;
  }

  public void setKeepOriginalNextHop(Boolean keepOriginalNextHop) {
    this.keepOriginalNextHop = keepOriginalNextHop;
  }

  public BgpPassword getPassword() {
    return password;
  }

  public void setPassword(BgpPassword password) {
    this.password = password;
  }

  public String getSourceAddress() {
    return sourceAddress;
  }

  public void setSourceAddress(String sourceAddress) {
    this.sourceAddress = sourceAddress;
  }

  public String getMaxRestartTime() {
    return maxRestartTime;
  }

  public void setMaxRestartTime(String maxRestartTime) {
    this.maxRestartTime = maxRestartTime;
  }

  public Integer getNumAllowedLocalASNumbers() {
    return numAllowedLocalASNumbers;
  }

  public void setNumAllowedLocalASNumbers(Integer numAllowedLocalASNumbers) {
    this.numAllowedLocalASNumbers = numAllowedLocalASNumbers;
  }

  public Integer getTtlSecurity() {
    return ttlSecurity;
  }

  public void setTtlSecurity(Integer ttlSecurity) {
    this.ttlSecurity = ttlSecurity;
  }

  public String getReachableBy() {
    return reachableBy;
  }

  public void setReachableBy(String reachableBy) {
    this.reachableBy = reachableBy;
  }

  public String getReversePeering() {
    return reversePeering;
  }

  public void setReversePeering(String reversePeering) {
    this.reversePeering = reversePeering;
  }

  public String getNextHopMode() {
    return nextHopMode;
  }

  public void setNextHopMode(String nextHopMode) {
    this.nextHopMode = nextHopMode;
  }

  public List<String> getFilters() {
    return filters;
  }

  public void setFilters(List<String> filters) {
    this.filters = filters;
  }

  public String getLocalWorkloadSelector() {
    return localWorkloadSelector;
  }

  public void setLocalWorkloadSelector(String localWorkloadSelector) {
    this.localWorkloadSelector = localWorkloadSelector;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BGPPeerSpec)) {
      return false;
    }
    BGPPeerSpec s = (BGPPeerSpec) o;
    return Objects.equals(node, s.node) && Objects.equals(nodeSelector, s.nodeSelector)
        && Objects.equals(peerIP, s.peerIP) && Objects.equals(asNumber, s.asNumber)
        && Objects.equals(peerSelector, s.peerSelector) && Objects.equals(keepOriginalNextHop, s.keepOriginalNextHop)
        && Objects.equals(password, s.password) && Objects.equals(sourceAddress, s.sourceAddress)
        && Objects.equals(maxRestartTime, s.maxRestartTime)
        && Objects.equals(numAllowedLocalASNumbers, s.numAllowedLocalASNumbers)
        && Objects.equals(ttlSecurity, s.ttlSecurity) && Objects.equals(reachableBy, s.reachableBy)
        && Objects.equals(reversePeering, s.reversePeering) && Objects.equals(nextHopMode, s.nextHopMode)
        && Objects.equals(filters, s.filters) && Objects.equals(localWorkloadSelector, s.localWorkloadSelector);
  }

  @Override
  public int hashCode() {
    return Objects.hash(node, nodeSelector, peerIP, asNumber, peerSelector, keepOriginalNextHop, password, sourceAddress,
        maxRestartTime, numAllowedLocalASNumbers, ttlSecurity, reachableBy, reversePeering, nextHopMode, filters,
        localWorkloadSelector);
  }

  @Override
  public String toString() {
    return "BGPPeerSpec{node=" + node + ", nodeSelector=" + nodeSelector + ", peerIP=" + peerIP + ", asNumber="
        + asNumber + ", peerSelector=" + peerSelector + ", keepOriginalNextHop=" + keepOriginalNextHop + ", password="
        + password + ", sourceAddress=" + sourceAddress + ", maxRestartTime=" + maxRestartTime
        + ", numAllowedLocalASNumbers=" + numAllowedLocalASNumbers + ", ttlSecurity=" + ttlSecurity + ", reachableBy="
        + reachableBy + ", reversePeering=" + reversePeering + ", nextHopMode=" + nextHopMode + ", filters=" + filters
        + ", localWorkloadSelector=" + localWorkloadSelector + "}";
  }
}
