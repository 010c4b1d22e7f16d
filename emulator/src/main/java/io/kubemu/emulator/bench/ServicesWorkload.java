package io.kubemu.emulator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.kubemu.emulator.cli.ApiClient;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.nodes.app.ConnLoadReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the services bench runs in each cluster, through the REST API as a user would: a Deployment
 * of agnhost serve-hostname pods kept off h1's nodes (required node affinity on the node label
 * {@code kubemu.io/host}) behind a NodePort Service, and one {@code kubemu/bench} client pod on a
 * node of h1, in which {@code conn-load} runs by exec. So every measured connection leaves h1's
 * JVM for another.
 */
final class ServicesWorkload {
  static final String NAME = "svc-bench";
  static final String CLIENT = "svc-bench-client";
  static final String PORT_NAME = "http";
  private static final String HOST_LABEL = "kubemu.io/host";
  private static final String AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.47";
  private static final int PORT = 80;
  private static final int TARGET_PORT = 9376;

  /**
   * The workload once ready: the Service's cluster IP and port, and each endpoint pod with its
   * node and that node's host, in the EndpointSlice's order.
   */
  record Deployed(String clusterIp, int port, Map<String, String> endpointNodes, Map<String, String> nodeHosts) {
    /** Where the endpoints run, e.g. "w2@h2: 2, w3@h3: 2". */
    String placement() {
      Map<String, Integer> perNode = new TreeMap<>();
      endpointNodes.values().forEach(n -> perNode.merge(n + "@" + nodeHosts.getOrDefault(n, "?"), 1, Integer::sum));
      List<String> parts = new ArrayList<>();
      perNode.forEach((n, c) -> parts.add(n + ": " + c));
      return String.join(", ", parts);
    }
  }

  private final ApiClient api;

  ServicesWorkload(ApiClient api) {
    this.api = api;
  }

  /** The objects: the Deployment of {@code endpoints} replicas, its NodePort Service, the client pod. */
  static List<HasMetadata> objects(int endpoints) {
    Map<String, String> labels = Map.of("app", NAME);
    HasMetadata deployment = new DeploymentBuilder().withNewMetadata().withName(NAME).withNamespace("default").endMetadata()
        .withNewSpec().withReplicas(endpoints).withNewSelector().withMatchLabels(labels).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec().withTerminationGracePeriodSeconds(0L)
        .withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm().addNewMatchExpression().withKey(HOST_LABEL).withOperator("NotIn").withValues("h1")
        .endMatchExpression().endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity()
        .endAffinity()
        .addNewContainer().withName("agnhost").withImage(AGNHOST)
        .withCommand("/agnhost", "serve-hostname", "--port=" + TARGET_PORT).addNewPort().withContainerPort(TARGET_PORT).endPort()
        .endContainer().endSpec().endTemplate().endSpec().build();
    HasMetadata service = new ServiceBuilder().withNewMetadata().withName(NAME).withNamespace("default").endMetadata()
        .withNewSpec().withType("NodePort").withSelector(labels).addNewPort().withName(PORT_NAME).withProtocol("TCP")
        .withPort(PORT).withTargetPort(new IntOrString(TARGET_PORT)).endPort().endSpec().build();
    HasMetadata client = new PodBuilder().withNewMetadata().withName(CLIENT).withNamespace("default").endMetadata()
        .withNewSpec().withTerminationGracePeriodSeconds(0L).withNodeSelector(Map.of(HOST_LABEL, "h1"))
        .addNewContainer().withName("bench").withImage("kubemu/bench").withCommand("sleep", "infinity").endContainer()
        .endSpec().build();
    return List.of(deployment, service, client);
  }

  void apply(int endpoints) {
    List<JsonNode> json = objects(endpoints).stream().map(o -> (JsonNode) Json.MAPPER.valueToTree(o)).toList();
    ApiClient.Reply r = api.post("/kubemu/v1/apply", Map.of("objects", json), Duration.ofSeconds(60));
    if (r.status() != 200) {
      throw new IllegalStateException("applying the bench's Deployment, Service and client pod answered " + r.status() + ": "
          + r.error());
    }
  }

  /** Waits until the client pod runs and all {@code endpoints} endpoints are ready in the Service's EndpointSlices. */
  Deployed awaitReady(int endpoints, Duration within, Runnable requireAlive) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    String seen = "nothing yet";
    while (System.nanoTime() < deadline) {
      requireAlive.run();
      String phase = api.get("/api/v1/namespaces/default/pods/" + CLIENT).json().path("status").path("phase").asText("Pending");
      Map<String, String> ready = readyEndpoints();
      seen = "client pod " + phase + ", " + ready.size() + " of " + endpoints + " endpoints ready";
      if (phase.equals("Running") && ready.size() == endpoints) {
        JsonNode spec = api.get("/api/v1/namespaces/default/services/" + NAME).json().path("spec");
        return new Deployed(spec.path("clusterIP").asText(), spec.path("ports").path(0).path("port").asInt(), ready, nodeHosts());
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the workload was not ready within " + within.toSeconds() + " s: " + seen);
  }

  /** The ready endpoints of the Service, pod name to node. */
  private Map<String, String> readyEndpoints() {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode slices = api.get("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices?labelSelector=kubernetes.io/service-name%3D"
        + NAME).json().path("items");
    for (JsonNode slice : slices) {
      for (JsonNode e : slice.path("endpoints")) {
        if (e.path("conditions").path("ready").asBoolean(false)) {
          out.put(e.path("targetRef").path("name").asText(e.path("addresses").path(0).asText()), e.path("nodeName").asText("?"));
        }
      }
    }
    return out;
  }

  private Map<String, String> nodeHosts() {
    Map<String, String> out = new TreeMap<>();
    for (JsonNode n : api.get("/api/v1/nodes").json().path("items")) {
      out.put(n.path("metadata").path("name").asText(), n.path("metadata").path("labels").path(HOST_LABEL).asText("?"));
    }
    return out;
  }

  /** Runs conn-load in the client pod against the cluster IP and reads its report. */
  ConnLoadReport connLoad(Deployed d, int connections, int warmup, int seconds) {
    List<String> command = List.of("conn-load", "--connections", Integer.toString(connections), "--warmup", Integer.toString(warmup),
        "--seconds", Integer.toString(seconds), d.clusterIp(), Integer.toString(d.port()));
    long timeout = warmup + seconds + 60L;
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("namespace", "default");
    req.put("pod", CLIENT);
    req.put("container", "");
    req.put("command", command);
    req.put("stdin", "");
    req.put("timeoutSeconds", timeout);
    ApiClient.Reply r = api.post("/kubemu/v1/exec", req, Duration.ofSeconds(timeout + 20));
    JsonNode out = r.json();
    if (r.status() != 200 || out.path("exitCode").asInt(-1) != 0) {
      throw new IllegalStateException("'" + String.join(" ", command) + "' in pod " + CLIENT + " failed (HTTP " + r.status()
          + ", exit " + out.path("exitCode").asText("?") + "): " + out.path("stderr").asText(r.error()).trim());
    }
    try {
      return ConnLoadReport.parse(out.path("stdout").asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("conn-load's output: " + e.getMessage());
    }
  }
}
