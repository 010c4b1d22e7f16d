package io.kubemu.emulator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
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
import io.kubemu.emulator.controlplane.ApiStore;
import io.kubemu.emulator.controlplane.StoreTestKit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fabric8 Kubernetes client against the API server on 127.0.0.1: CRUD, conflicts, patches, scale, status and watch. */
class KubernetesClientIT {
  private static final ActorTestKit kit = StoreTestKit.create("KubernetesClientIT");
  private static KubernetesClient client;

  @BeforeAll
  static void start() throws Exception {
    var store = kit.spawn(ApiStore.create(Duration.ofMinutes(5)));
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

  private static Deployment deployment(String name) {
    return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
        .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", name).endSelector()
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
}
