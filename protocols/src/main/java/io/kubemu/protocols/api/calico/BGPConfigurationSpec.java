package io.kubemu.protocols.api.calico;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * The spec of a BGPConfiguration (Calico's {@code BGPConfigurationSpec}). Every field may be left out: Calico
 * then runs the mesh, in AS 64512, listening on 179. Passwords and restart times are accepted and not used.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class BGPConfigurationSpec {
  public static final long DEFAULT_AS_NUMBER = 64512;
  public static final int DEFAULT_LISTEN_PORT = 179;

  /** Trace, Debug, Info, Warning, Error or Fatal. */
  @JsonProperty("logSeverityScreen")
  private String logSeverityScreen;
  /** The full mesh of iBGP sessions between all nodes (default only). */
  @JsonProperty("nodeToNodeMeshEnabled")
  private Boolean nodeToNodeMeshEnabled;
  /** The nodes' AS number (default only). */
  @JsonProperty("asNumber")
  private AsNumber asNumber;
  /** LoadBalancer addresses to advertise. */
  @JsonProperty("serviceLoadBalancerIPs")
  private List<CidrBlock> serviceLoadBalancerIPs;
  /** External IPs to advertise (default only). */
  @JsonProperty("serviceExternalIPs")
  private List<CidrBlock> serviceExternalIPs;
  /** The cluster IP ranges to advertise (default only). */
  @JsonProperty("serviceClusterIPs")
  private List<CidrBlock> serviceClusterIPs;
  @JsonProperty("communities")
  private List<Community> communities;
  @JsonProperty("prefixAdvertisements")
  private List<PrefixAdvertisement> prefixAdvertisements;
  /** Where BGP listens, 179 by default. */
  @JsonProperty("listenPort")
  private Integer listenPort;
  @JsonProperty("nodeMeshPassword")
  private BgpPassword nodeMeshPassword;
  /** A Go duration, e.g. {@code 120s}. */
  @JsonProperty("nodeMeshMaxRestartTime")
  private String nodeMeshMaxRestartTime;
  /** {@code None} or {@code NodeIP}. */
  @JsonProperty("bindMode")
  private String bindMode;
  @JsonProperty("ignoredInterfaces")
  private List<String> ignoredInterfaces;
  @JsonProperty("localWorkloadPeeringIPV4")
  private String localWorkloadPeeringIPV4;
  @JsonProperty("localWorkloadPeeringIPV6")
  private String localWorkloadPeeringIPV6;
  /** {@code Enabled} or {@code Disabled}. */
  @JsonProperty("serviceLoadBalancerAggregation")
  private String serviceLoadBalancerAggregation;

  public String getLogSeverityScreen() {
    return logSeverityScreen;
  }

  public void setLogSeverityScreen(String logSeverityScreen) {
    this.logSeverityScreen = logSeverityScreen;
  }

  public Boolean getNodeToNodeMeshEnabled() {
    return nodeToNodeMeshEnabled;
  }

  public void setNodeToNodeMeshEnabled(Boolean nodeToNodeMeshEnabled) {
    this.nodeToNodeMeshEnabled = nodeToNodeMeshEnabled;
  }

  public AsNumber getAsNumber() {
    return asNumber;
  }

  public void setAsNumber(AsNumber asNumber) {
    this.asNumber = asNumber;
  }

  public List<CidrBlock> getServiceLoadBalancerIPs() {
    return serviceLoadBalancerIPs;
  }

  public void setServiceLoadBalancerIPs(List<CidrBlock> serviceLoadBalancerIPs) {
    this.serviceLoadBalancerIPs = serviceLoadBalancerIPs;
  }

  public List<CidrBlock> getServiceExternalIPs() {
    return serviceExternalIPs;
  }

  public void setServiceExternalIPs(List<CidrBlock> serviceExternalIPs) {
    this.serviceExternalIPs = serviceExternalIPs;
  }

  public List<CidrBlock> getServiceClusterIPs() {
    return serviceClusterIPs;
  }

  public void setServiceClusterIPs(List<CidrBlock> serviceClusterIPs) {
    this.serviceClusterIPs = serviceClusterIPs;
  }

  public List<Community> getCommunities() {
    return communities;
  }

  public void setCommunities(List<Community> communities) {
    this.communities = communities;
  }

  public List<PrefixAdvertisement> getPrefixAdvertisements() {
    return prefixAdvertisements;
  }

  public void setPrefixAdvertisements(List<PrefixAdvertisement> prefixAdvertisements) {
    this.prefixAdvertisements = prefixAdvertisements;
  }

  public Integer getListenPort() {
    return listenPort;
  }

  public void setListenPort(Integer listenPort) {
    this.listenPort = listenPort;
  }

  public BgpPassword getNodeMeshPassword() {
    return nodeMeshPassword;
  }

  public void setNodeMeshPassword(BgpPassword nodeMeshPassword) {
    this.nodeMeshPassword = nodeMeshPassword;
  }

  public String getNodeMeshMaxRestartTime() {
    return nodeMeshMaxRestartTime;
  }

  public void setNodeMeshMaxRestartTime(String nodeMeshMaxRestartTime) {
    this.nodeMeshMaxRestartTime = nodeMeshMaxRestartTime;
  }

  public String getBindMode() {
    return bindMode;
  }

  public void setBindMode(String bindMode) {
    this.bindMode = bindMode;
  }

  public List<String> getIgnoredInterfaces() {
    return ignoredInterfaces;
  }

  public void setIgnoredInterfaces(List<String> ignoredInterfaces) {
    this.ignoredInterfaces = ignoredInterfaces;
  }

  public String getLocalWorkloadPeeringIPV4() {
    return localWorkloadPeeringIPV4;
  }

  public void setLocalWorkloadPeeringIPV4(String localWorkloadPeeringIPV4) {
    this.localWorkloadPeeringIPV4 = localWorkloadPeeringIPV4;
  }

  public String getLocalWorkloadPeeringIPV6() {
    return localWorkloadPeeringIPV6;
  }

  public void setLocalWorkloadPeeringIPV6(String localWorkloadPeeringIPV6) {
    this.localWorkloadPeeringIPV6 = localWorkloadPeeringIPV6;
  }

  public String getServiceLoadBalancerAggregation() {
    return serviceLoadBalancerAggregation;
  }

  public void setServiceLoadBalancerAggregation(String serviceLoadBalancerAggregation) {
    this.serviceLoadBalancerAggregation = serviceLoadBalancerAggregation;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof BGPConfigurationSpec)) {
      return false;
    }
    BGPConfigurationSpec s = (BGPConfigurationSpec) o;
    return Objects.equals(logSeverityScreen, s.logSeverityScreen)
        && Objects.equals(nodeToNodeMeshEnabled, s.nodeToNodeMeshEnabled) && Objects.equals(asNumber, s.asNumber)
        && Objects.equals(serviceLoadBalancerIPs, s.serviceLoadBalancerIPs)
        && Objects.equals(serviceExternalIPs, s.serviceExternalIPs)
        && Objects.equals(serviceClusterIPs, s.serviceClusterIPs) && Objects.equals(communities, s.communities)
        && Objects.equals(prefixAdvertisements, s.prefixAdvertisements) && Objects.equals(listenPort, s.listenPort)
        && Objects.equals(nodeMeshPassword, s.nodeMeshPassword)
        && Objects.equals(nodeMeshMaxRestartTime, s.nodeMeshMaxRestartTime) && Objects.equals(bindMode, s.bindMode)
        && Objects.equals(ignoredInterfaces, s.ignoredInterfaces)
        && Objects.equals(localWorkloadPeeringIPV4, s.localWorkloadPeeringIPV4)
        && Objects.equals(localWorkloadPeeringIPV6, s.localWorkloadPeeringIPV6)
        && Objects.equals(serviceLoadBalancerAggregation, s.serviceLoadBalancerAggregation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(logSeverityScreen, nodeToNodeMeshEnabled, asNumber, serviceLoadBalancerIPs, serviceExternalIPs,
        serviceClusterIPs, communities, prefixAdvertisements, listenPort, nodeMeshPassword, nodeMeshMaxRestartTime,
        bindMode, ignoredInterfaces, localWorkloadPeeringIPV4, localWorkloadPeeringIPV6,
        serviceLoadBalancerAggregation);
  }

  @Override
  public String toString() {
    return "BGPConfigurationSpec{logSeverityScreen=" + logSeverityScreen + ", nodeToNodeMeshEnabled="
        + nodeToNodeMeshEnabled + ", asNumber=" + asNumber + ", serviceLoadBalancerIPs=" + serviceLoadBalancerIPs
        + ", serviceExternalIPs=" + serviceExternalIPs + ", serviceClusterIPs=" + serviceClusterIPs + ", communities="
        + communities + ", prefixAdvertisements=" + prefixAdvertisements + ", listenPort=" + listenPort
        + ", nodeMeshPassword=" + nodeMeshPassword + ", nodeMeshMaxRestartTime=" + nodeMeshMaxRestartTime
        + ", bindMode=" + bindMode + ", ignoredInterfaces=" + ignoredInterfaces + ", localWorkloadPeeringIPV4="
        + localWorkloadPeeringIPV4 + ", localWorkloadPeeringIPV6=" + localWorkloadPeeringIPV6
        + ", serviceLoadBalancerAggregation=" + serviceLoadBalancerAggregation + "}";
  }
}
