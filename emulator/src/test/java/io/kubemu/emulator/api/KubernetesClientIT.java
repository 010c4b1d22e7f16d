package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.kubemu.emulator.controllers.ControllerManager;
import io.kubemu.emulator.controlplane.ApiStore;
import io.kubemu.emulator.controlplane.StoreTestKit;
import io.kubemu.emulator.host.ClusterSettings;
import io.kubemu.emulator.host.KubeletGateway;
import io.kubemu.nodes.agent.NodeAgent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 Kubernetes client against the API server on 127.0.0.1: CRUD, conflicts, patches,
 * scale, status and watch; and, with the controller manager and two node agents in the same
 * system, Deployments that come up, roll out and are deleted with each propagation policy.
 */
class KubernetesClientIT {
  private static final ActorTestKit kit = StoreTestKit.create("KubernetesClientIT");
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    var store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)), "api-store");
    var gateway = kit.spawn(KubeletGateway.create(store), "kubelet-gateway");
    ClusterSettings settings = ClusterSettings.from(kit.system().settings().config());
    for (String node : List.of("w1", "w2")) {
      kit.spawn(NodeAgent.create(settings.node(node, "h1"), gateway, lease -> { }), "node-" + node);
    }
    kit.spawn(ControllerManager.create(store), "controller-manager");
    int port = ApiServer.start(kit.system(), store, "127.0.0.1", 0).toCompletableFuture().get().localAddress().getPort();
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + port).withNamespace("default")
        .withRequestRetryBackoffLimit(0).build();
    client = new KubernetesClientBuilder().withConfig(config).build();
  }

  @AfterAll
  static void shutdown() {
    if (client != null) {
      client.close();
    }
    kit.shutdownTestKit();
  }

  private static ConfigMap configMap(String name, String app) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).addToLabels("app", app).endMetadata().addToData("k", "v").build();
  }

  /**
   * Paused, so that the deployment controller makes no ReplicaSet and writes no revision annotation
   * (an annotation change counts up the generation, which the test reads): it writes only the status.
   */
  private static Deployment deployment(String name) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withPaused(true).withReplicas(2).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
        .withNewSpec().addNewContainer().withName("nginx").withImage("nginx:1.27").addNewPort().withContainerPort(80).endPort()
        .endContainer().endSpec().endTemplate().endSpec().build();
  }

  @Test
  void configMapsCreateGetListUpdateAndDelete() {
    ConfigMap created = client.configMaps().resource(configMap("crud-a", "crud")).create();
    assertNotNull(created.getMetadata().getUid());
    client.configMaps().resource(configMap("crud-b", "other")).create();
    assertEquals("v", client.configMaps().withName("crud-a").get().getData().get("k"));
    assertEquals(List.of("crud-a"), client.configMaps().withLabel("app", "crud").list().getItems().stream()
        .map(c -> c.getMetadata().getName()).toList());
    created.getData().put("k", "v2");
    ConfigMap updated = client.configMaps().resource(created).update();
    assertEquals("v2", updated.getData().get("k"));
    KubernetesClientException stale = assertThrows(KubernetesClientException.class,
        () -> client.configMaps().resource(created).update());
    assertEquals(409, stale.getCode(), "created still carries the old resourceVersion");
    ConfigMap edited = client.configMaps().withName("crud-a").edit(c -> new ConfigMapBuilder(c).addToData("e", "1").build());
    assertEquals("1", edited.getData().get("e"));
    ConfigMap merged = client.configMaps().withName("crud-a").patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":null}}");
    assertNull(merged.getData().get("k"));
    assertEquals(1, client.configMaps().withName("crud-a").delete().size());
    assertNull(client.configMaps().withName("crud-a").get());
    assertTrue(client.configMaps().withName("crud-a").delete().isEmpty(), "deleting what is gone deletes nothing");
  }

  @Test
  void aDeploymentTakesAStrategicMergePatchAScaleAndAStatus() {
    client.apps().deployments().resource(deployment("web")).create();
    Deployment patched = client.apps().deployments().withName("web").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.28\"}]}}}}");
    var container = patched.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertEquals("nginx:1.28", container.getImage());
    assertEquals(80, container.getPorts().get(0).getContainerPort(), "the merge kept the fields the patch did not name");
    assertEquals(2L, patched.getMetadata().getGeneration());
    client.apps().deployments().withName("web").scale(5);
    assertEquals(5, client.apps().deployments().withName("web").get().getSpec().getReplicas());
    assertEquals(5, client.apps().deployments().withName("web").scale().getSpec().getReplicas());
    Deployment current = client.apps().deployments().withName("web").get();
    // the deployment controller writes the status too: without a resourceVersion the client writes over the latest
    current.getMetadata().setResourceVersion(null);
    current.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(5).withReadyReplicas(3).build());
    current.getSpec().setReplicas(1);
    Deployment withStatus = client.apps().deployments().resource(current).updateStatus();
    assertEquals(3, withStatus.getStatus().getReadyReplicas());
    assertEquals(5, withStatus.getSpec().getReplicas(), "a status write leaves the spec");
    assertEquals(1, client.apps().deployments().withName("web").delete().size());
  }

  @Test
  void watchSeesAddedModifiedAndDeleted() throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (Watch watch = client.configMaps().withLabel("app", "watched").watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap cm) {
        events.add(action + " " + cm.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {
        events.add("CLOSED " + cause);
      }
    })) {
      client.configMaps().resource(configMap("unwatched", "other")).create();
      client.configMaps().resource(configMap("w", "watched")).create();
      client.configMaps().withName("w").edit(c -> new ConfigMapBuilder(c).addToData("x", "y").build());
      client.configMaps().withName("w").delete();
      assertEquals("ADDED w", events.poll(10, TimeUnit.SECONDS));
      assertEquals("MODIFIED w", events.poll(10, TimeUnit.SECONDS));
      assertEquals("DELETED w", events.poll(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void anInformerListsThenWatches() throws Exception {
    client.configMaps().resource(configMap("before", "informed")).create();
    BlockingQueue<String> seen = new LinkedBlockingQueue<>();
    try (var informer = client.configMaps().withLabel("app", "informed").inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(ConfigMap cm) {
        seen.add("add " + cm.getMetadata().getName());
      }

      @Override
      public void onUpdate(ConfigMap old, ConfigMap cm) {
        seen.add("update " + cm.getMetadata().getName());
      }

      @Override
      public void onDelete(ConfigMap cm, boolean unknownFinalState) {
        seen.add("delete " + cm.getMetadata().getName());
      }
    })) {
      assertEquals("add before", seen.poll(10, TimeUnit.SECONDS));
      client.configMaps().resource(configMap("after", "informed")).create();
      assertEquals("add after", seen.poll(10, TimeUnit.SECONDS));
      client.configMaps().withName("before").delete();
      assertEquals("delete before", seen.poll(10, TimeUnit.SECONDS));
      assertEquals(1, informer.getStore().list().size());
    }
  }

  @Test
  void errorsComeBackAsTheApiServersStatus() {
    KubernetesClientException missing = assertThrows(KubernetesClientException.class,
        () -> client.apps().deployments().withName("nope").edit(d -> d));
    assertEquals(404, missing.getCode());
    client.configMaps().resource(configMap("twice", "x")).create();
    KubernetesClientException exists = assertThrows(KubernetesClientException.class,
        () -> client.configMaps().resource(configMap("twice", "x")).create());
    assertEquals(409, exists.getCode());
    assertEquals("AlreadyExists", exists.getStatus().getReason());
    KubernetesClientException badSelector = assertThrows(KubernetesClientException.class,
        () -> client.configMaps().withLabelSelector("a in (").list());
    assertEquals(400, badSelector.getCode());
  }

  /**
   * udp-echo pods (an image the node agents run), labelled app={@code name}; RollingUpdate 25%/25%.
   * The template has an annotation: fabric8's rolling().restart() is a JSON patch that adds one key
   * to spec.template.metadata.annotations, which fails, as RFC 6902 says, where there is no such map.
   */
  private static Deployment echo(String name, int replicas) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", name).endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", name).addToAnnotations("kubemu.io/it", "fabric8").endMetadata()
        .withNewSpec().addNewContainer().withName("echo").withImage("udp-echo:1").endContainer().endSpec().endTemplate()
        .endSpec().build();
  }

  /** Creates the Deployment and waits until all its replicas are ready. */
  private static Deployment ready(String name, int replicas) {
    client.apps().deployments().resource(echo(name, replicas)).create();
    return client.apps().deployments().withName(name).waitUntilCondition(d -> d != null && d.getStatus() != null
        && Integer.valueOf(replicas).equals(d.getStatus().getReadyReplicas()), 60, TimeUnit.SECONDS);
  }

  /** The rollout is complete: every replica updated and available, and nothing more (kubectl rollout status's test). */
  private static boolean rolledOut(Deployment d, int replicas) {
    var s = d == null ? null : d.getStatus();
    return s != null && d.getMetadata().getGeneration().equals(s.getObservedGeneration()) && Integer.valueOf(replicas).equals(s.getReplicas())
        && Integer.valueOf(replicas).equals(s.getUpdatedReplicas()) && Integer.valueOf(replicas).equals(s.getAvailableReplicas());
  }

  @Test
  void aDeploymentComesUpOnTheNodesAndRollsOutARestartRecordingEachScale() throws Exception {
    Deployment d = ready("rollout", 3);
    List<Pod> pods = client.pods().withLabel("app", "rollout").list().getItems();
    assertEquals(3, pods.size());
    pods.forEach(p -> assertTrue("Running".equals(p.getStatus().getPhase()) && List.of("w1", "w2").contains(p.getSpec().getNodeName()),
        p.getMetadata().getName() + " " + p.getStatus().getPhase() + " on " + p.getSpec().getNodeName()));
    String first = client.apps().replicaSets().withLabel("app", "rollout").list().getItems().get(0).getMetadata().getName();

    client.apps().deployments().withName("rollout").rolling().restart();
    client.apps().deployments().withName("rollout").waitUntilCondition(x -> rolledOut(x, 3), 60, TimeUnit.SECONDS);
    List<ReplicaSet> sets = client.apps().replicaSets().withLabel("app", "rollout").list().getItems();
    assertEquals(2, sets.size());
    ReplicaSet old = sets.stream().filter(rs -> rs.getMetadata().getName().equals(first)).findFirst().orElseThrow();
    ReplicaSet fresh = sets.stream().filter(rs -> rs != old).findFirst().orElseThrow();
    assertEquals(List.of(0, 3, 3), List.of(old.getSpec().getReplicas(), fresh.getSpec().getReplicas(), fresh.getStatus().getReadyReplicas()));

    ObjectReference ref = new ObjectReferenceBuilder().withKind("Deployment").withName("rollout").withNamespace("default")
        .withUid(d.getMetadata().getUid()).build();
    List<String> said = client.v1().events().withInvolvedObject(ref)
        .informOnCondition(events -> events.stream().anyMatch(e -> e.getMessage().equals("Scaled down replica set " + first + " from 1 to 0")))
        .get(30, TimeUnit.SECONDS).stream().map(e -> e.getReason() + ": " + e.getMessage()).toList();
    assertTrue(said.contains("ScalingReplicaSet: Scaled up replica set " + first + " from 0 to 3"), said.toString());
    assertTrue(said.contains("ScalingReplicaSet: Scaled up replica set " + fresh.getMetadata().getName() + " from 0 to 1"), said.toString());
  }

  @Test
  void backgroundAndForegroundDeletionTakeTheReplicaSetsAndPodsAlong() throws Exception {
    for (DeletionPropagation policy : List.of(DeletionPropagation.BACKGROUND, DeletionPropagation.FOREGROUND)) {
      String name = "cascade-" + policy.name().toLowerCase();
      ready(name, 2);
      client.apps().deployments().withName(name).withPropagationPolicy(policy).delete();
      client.pods().withLabel("app", name).informOnCondition(List::isEmpty).get(60, TimeUnit.SECONDS);
      client.apps().replicaSets().withLabel("app", name).informOnCondition(List::isEmpty).get(60, TimeUnit.SECONDS);
      assertNull(client.apps().deployments().withName(name).waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS), policy.name());
    }
  }

  @Test
  void orphanDeletionLeavesTheReplicaSetWithoutAnOwnerAndItsPodsRunning() throws Exception {
    ready("orphaned", 2);
    client.apps().deployments().withName("orphaned").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
    client.apps().deployments().withName("orphaned").waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
    ReplicaSet rs = client.apps().replicaSets().withLabel("app", "orphaned")
        .informOnCondition(l -> l.size() == 1 && l.get(0).getMetadata().getOwnerReferences().isEmpty()).get(60, TimeUnit.SECONDS).get(0);
    List<Pod> pods = client.pods().withLabel("app", "orphaned").list().getItems();
    assertEquals(2, pods.size());
    pods.forEach(p -> assertEquals(List.of(rs.getMetadata().getUid(), "Running"), List.of(p.getMetadata().getOwnerReferences().get(0).getUid(),
        p.getStatus().getPhase()), "only the Deployment went: its ReplicaSet still owns and runs the pods"));
    client.apps().replicaSets().withName(rs.getMetadata().getName()).delete();
  }
}
