package io.kubemu.nodes.proxy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.Map;

/** Services and EndpointSlices as the API server and the EndpointSlice controller would hold them. */
public final class ProxyFixtures {
  private ProxyFixtures() {}

  /** A Service with one TCP port named http. */
  public static ServiceBuilder service(String name, String clusterIp, int port, int targetPort) {
    return new ServiceBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
        .withNewSpec().withType("ClusterIP").withClusterIP(clusterIp).withSelector(Map.of("app", name))
        .addNewPort().withName("http").withProtocol("TCP").withPort(port).withTargetPort(new IntOrString(targetPort)).endPort()
        .endSpec();
  }

  public static Service clusterIp(String name, String clusterIp, int port, int targetPort) {
    return service(name, clusterIp, port, targetPort).build();
  }

  /** One endpoint: "ip@node" ready, "ip@node!" not ready, "ip@node~" serving but terminating. */
  public static EndpointSlice slice(String service, int port, String... endpoints) {
    EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withNamespace("default").withName(service + "-abcde")
        .addToLabels(ProxyState.SERVICE_NAME_LABEL, service).endMetadata().withAddressType("IPv4")
        .addNewPort().withName("http").withProtocol("TCP").withPort(port).endPort();
    for (String e : endpoints) {
      boolean notReady = e.endsWith("!");
      boolean terminating = e.endsWith("~");
      String[] parts = e.replace("!", "").replace("~", "").split("@");
      b.addNewEndpoint().addToAddresses(parts[0]).withNodeName(parts[1])
          .withNewConditions().withReady(!notReady && !terminating).withServing(!notReady).withTerminating(terminating)
          .endConditions().endEndpoint();
    }
    return b.build();
  }

  /** Pearson's chi-square of counts against an even split of {@code total}. */
  public static double chiSquare(java.util.Collection<Integer> counts, int total) {
    double expected = (double) total / counts.size();
    return counts.stream().mapToDouble(c -> Math.pow(c - expected, 2) / expected).sum();
  }
}
