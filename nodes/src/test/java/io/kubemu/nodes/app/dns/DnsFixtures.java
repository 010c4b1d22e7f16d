package io.kubemu.nodes.app.dns;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubemu.nodes.app.ClusterView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * A small cluster as CoreDNS's informers see it, and queries as dig builds them. In default: web
 * (ClusterIP 10.96.0.31, http 80/TCP), db (headless; db-0 10.244.1.5, db-1 10.244.1.6 ready, db-2
 * 10.244.1.7 not ready, a hostless 10.244.1.8; pg 5432/TCP), empty (headless, only a not-ready
 * endpoint), search (ExternalName www.example.com), alias (ExternalName to web), ipext
 * (ExternalName 1.2.3.4), v6 (dual-stack 10.96.0.50 and fd00::50), noports (10.96.0.60). In
 * kube-system: kube-dns (10.96.0.10, dns 53/UDP, dns-tcp 53/TCP, metrics 9153/TCP) backed by the
 * CoreDNS pod 10.244.0.2.
 */
final class DnsFixtures {
  static final String COREDNS_POD = "10.244.0.2";

  private DnsFixtures() {}

  static ClusterView cluster() {
    return new ClusterView(services(), slices(), List.of(), List.of(), List.of(), List.of());
  }

  /** The cluster with a {@code coredns} ConfigMap in kube-system holding {@code corefile}. */
  static ClusterView withCorefile(ClusterView view, String corefile) {
    ConfigMap cm = new ConfigMapBuilder().withNewMetadata().withNamespace("kube-system").withName("coredns").endMetadata()
        .withData(Map.of("Corefile", corefile)).build();
    List<ConfigMap> maps = new ArrayList<>(view.configMaps());
    maps.removeIf(m -> m.getMetadata().getName().equals("coredns"));
    maps.add(cm);
    return new ClusterView(view.services(), view.endpointSlices(), view.ingresses(), view.ingressClasses(), view.secrets(), maps);
  }

  static List<Service> services() {
    return List.of(
        service("default", "web", List.of("10.96.0.31"), port("http", "TCP", 80)),
        service("default", "db", List.of("None"), port("pg", "TCP", 5432)),
        service("default", "empty", List.of("None"), port("http", null, 80)),
        external("search", "www.example.com"),
        external("alias", "web.default.svc.cluster.local"),
        external("ipext", "1.2.3.4"),
        service("default", "v6", List.of("10.96.0.50", "fd00::50"), port("http", null, 80)),
        service("default", "noports", List.of("10.96.0.60")),
        service("kube-system", "kube-dns", List.of("10.96.0.10"), port("dns", "UDP", 53), port("dns-tcp", "TCP", 53),
            port("metrics", "TCP", 9153)));
  }

  static List<EndpointSlice> slices() {
    return List.of(
        slice("default", "web", "http", "TCP", 80).addNewEndpoint().addToAddresses("10.244.1.3").withNewConditions().withReady(true)
            .endConditions().endEndpoint().build(),
        slice("default", "db", "pg", "TCP", 5432)
            .addNewEndpoint().addToAddresses("10.244.1.5").withHostname("db-0").withNewConditions().withReady(true).endConditions()
            .endEndpoint()
            .addNewEndpoint().addToAddresses("10.244.1.6").withHostname("db-1").endEndpoint()
            .addNewEndpoint().addToAddresses("10.244.1.7").withHostname("db-2").withNewConditions().withReady(false).endConditions()
            .endEndpoint()
            .addNewEndpoint().addToAddresses("10.244.1.8").withNewConditions().withReady(true).endConditions().endEndpoint().build(),
        slice("default", "empty", "http", "TCP", 80).addNewEndpoint().addToAddresses("10.244.1.9").withNewConditions()
            .withReady(false).endConditions().endEndpoint().build(),
        slice("kube-system", "kube-dns", "dns", "UDP", 53).addNewPort().withName("dns-tcp").withProtocol("TCP").withPort(53).endPort()
            .addNewEndpoint().addToAddresses(COREDNS_POD).withNewConditions().withReady(true).endConditions().endEndpoint().build());
  }

  static Service service(String ns, String name, List<String> clusterIps, ServicePort... ports) {
    return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata().withNewSpec()
        .withType("ClusterIP").withClusterIP(clusterIps.get(0)).withClusterIPs(clusterIps).withPorts(ports).endSpec().build();
  }

  static ServicePort port(String name, String protocol, int number) {
    return new ServicePortBuilder().withName(name).withProtocol(protocol).withPort(number).build();
  }

  private static Service external(String name, String target) {
    return new ServiceBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata().withNewSpec()
        .withType("ExternalName").withExternalName(target).endSpec().build();
  }

  private static EndpointSliceBuilder slice(String ns, String service, String port, String protocol, int number) {
    return new EndpointSliceBuilder().withNewMetadata().withNamespace(ns).withName(service + "-x1")
        .addToLabels(ClusterIndex.SERVICE_NAME_LABEL, service).endMetadata().withAddressType("IPv4")
        .addNewPort().withName(port).withProtocol(protocol).withPort(number).endPort();
  }

  /** A query as dig sends it: recursion desired, no EDNS. */
  static Message query(String name, String type) {
    try {
      Record q = Record.newRecord(Name.fromString(name, Name.root), Type.value(type), DClass.IN);
      return Message.newQuery(q);
    } catch (IOException e) {
      throw new IllegalArgumentException(name, e);
    }
  }

  /** The records of a section as dig prints them, tab-free: {@code web.default.svc.cluster.local. 5 A 10.96.0.31}, sorted. */
  static List<String> section(Message m, int section) {
    return m.getSection(section).stream().map(r -> r.getName() + " " + r.getTTL() + " " + Type.string(r.getType()) + " "
        + r.rdataToString()).sorted().toList();
  }

  static List<String> answer(Message m) {
    return section(m, Section.ANSWER);
  }
}
