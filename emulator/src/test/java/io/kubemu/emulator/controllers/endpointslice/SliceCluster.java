package io.kubemu.emulator.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.FakeCluster;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A {@link FakeCluster} with Services, pods that have addresses and readiness, and the slices of one Service. */
final class SliceCluster {
  final FakeCluster cluster = new FakeCluster(Instant.parse("2026-11-22T10:00:00Z"));
  final EndpointSliceReconciler controller;
  private int address;

  SliceCluster(int maxPerSlice) {
    this.controller = new EndpointSliceReconciler(maxPerSlice);
  }

  SliceCluster() {
    this(EndpointSliceReconciler.DEFAULT_MAX_ENDPOINTS);
  }

  /** A ClusterIP Service selecting app={@code app}, port 80 to {@code targetPort} (a number or a port name). */
  Service service(String name, String app, String targetPort) {
    IntOrString target = targetPort.matches("[0-9]+") ? new IntOrString(Integer.parseInt(targetPort)) : new IntOrString(targetPort);
    return cluster.create(new ServiceBuilder().withNewMetadata().withName(name).withNamespace("default").addToLabels("team", "blue")
        .endMetadata().withNewSpec().withType("ClusterIP").withClusterIP("10.96.1.1").withSelector(Map.of("app", app))
        .withPorts(new ServicePortBuilder().withName("http").withPort(80).withProtocol("TCP").withTargetPort(target).build())
        .endSpec().build());
  }

  /** A pod labelled app={@code app} whose container names {@code containerPort} "http", not yet running. */
  Pod pod(String name, String app, int containerPort) {
    return cluster.create(new PodBuilder().withNewMetadata().withName(name).withNamespace("default").addToLabels("app", app).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("nginx")
        .withPorts(new ContainerPortBuilder().withName("http").withContainerPort(containerPort).withProtocol("TCP").build())
        .endContainer().endSpec().build());
  }

  /** The kubelet: the pod runs on {@code node} with the next address of 10.244.0.0/16, Ready or not. */
  Pod run(String name, String node, boolean ready) {
    Pod p = get(name);
    p.getSpec().setNodeName(node);
    cluster.update(p);
    p = get(name);
    String ip = "10.244.0." + (++address + 1);
    p.setStatus(new PodStatusBuilder().withPhase("Running").withPodIP(ip).addNewPodIP(ip)
        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().build());
    cluster.apply(List.of(new Action.UpdateStatus(p)));
    return get(name);
  }

  /** Flips the Ready condition of a running pod. */
  void ready(String name, boolean ready) {
    Pod p = get(name);
    p.getStatus().getConditions().get(0).setStatus(ready ? "True" : "False");
    cluster.apply(List.of(new Action.UpdateStatus(p)));
  }

  Pod get(String name) {
    return cluster.get(Pod.class, "Pod", "default", name);
  }

  /** Runs the controller over every Service until nothing changes; returns the rounds that changed something. */
  int settle() {
    return cluster.settle(controller);
  }

  /** The Service's slices, by name. */
  List<EndpointSlice> slices(String service) {
    return cluster.list(EndpointSlice.class, "EndpointSlice", "default").stream()
        .filter(s -> service.equals(s.getMetadata().getLabels().get(EndpointSliceReconciler.SERVICE_NAME)))
        .sorted(Comparator.comparing(s -> s.getMetadata().getName())).toList();
  }

  /** Every endpoint of the Service's slices, as "pod ready/serving/terminating". */
  List<String> endpoints(String service) {
    return slices(service).stream().flatMap(s -> s.getEndpoints().stream()).map(SliceCluster::describe).sorted().toList();
  }

  static String describe(Endpoint e) {
    return e.getTargetRef().getName() + " " + e.getConditions().getReady() + "/" + e.getConditions().getServing() + "/"
        + e.getConditions().getTerminating();
  }
}
