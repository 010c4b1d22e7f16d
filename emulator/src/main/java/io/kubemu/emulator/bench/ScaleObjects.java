package io.kubemu.emulator.bench;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubemu.nodes.proxy.ProxyState;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of kube-proxy's scale test: {@code services} ClusterIP Services with one TCP port
 * (80 to 8080), each with one EndpointSlice of {@code perService} ready endpoints spread over 100
 * nodes, as the API server and the EndpointSlice controller hold them, so that building the
 * proxier's state from them ({@link ProxyState#from}) is part of what is timed. Cluster IPs count
 * up from 10.96.0.1, pod IPs from 10.128.0.1.
 */
final class ScaleObjects {
  static final int NODES = 100;
  private static final int SERVICE_BASE = Ipv4Address.parse("10.96.0.0").bits();
  private static final int POD_BASE = Ipv4Address.parse("10.128.0.0").bits();

  final List<Service> services = new ArrayList<>();
  final List<EndpointSlice> slices = new ArrayList<>();
  private final int perService;

  ScaleObjects(int services, int perService) {
    this.perService = perService;
    for (int i = 0; i < services; i++) {
      this.services.add(service(i));
      this.slices.add(slice(i, 0));
    }
  }

  int endpoints() {
    return services.size() * perService;
  }

  /** Service {@code i}'s endpoints replaced by a new generation (a rollout of its pods): one change for a re-sync. */
  void roll(int i, int generation) {
    slices.set(i % slices.size(), slice(i % slices.size(), generation));
  }

  private static Service service(int i) {
    return new ServiceBuilder().withNewMetadata().withNamespace("bench").withName(name(i)).endMetadata()
        .withNewSpec().withType("ClusterIP").withClusterIP(new Ipv4Address(SERVICE_BASE + i + 1).toString())
        .addNewPort().withName("http").withProtocol("TCP").withPort(80).withTargetPort(new IntOrString(8080)).endPort()
        .endSpec().build();
  }

  private EndpointSlice slice(int i, int generation) {
    EndpointSliceBuilder b = new EndpointSliceBuilder().withNewMetadata().withNamespace("bench").withName(name(i) + "-abcde")
        .addToLabels(ProxyState.SERVICE_NAME_LABEL, name(i)).endMetadata().withAddressType("IPv4")
        .addNewPort().withName("http").withProtocol("TCP").withPort(8080).endPort();
    for (int j = 0; j < perService; j++) {
      // a new generation's pods take addresses past every first-generation one
      long g = (long) generation * services.size() * perService + (long) i * perService + j;
      b.addNewEndpoint().addToAddresses(new Ipv4Address(POD_BASE + (int) g + 1).toString()).withNodeName("w" + (g % NODES + 1))
          .withNewConditions().withReady(true).withServing(true).withTerminating(false).endConditions().endEndpoint();
    }
    return b.build();
  }

  private static String name(int i) {
    return String.format("svc-%05d", i);
  }
}
