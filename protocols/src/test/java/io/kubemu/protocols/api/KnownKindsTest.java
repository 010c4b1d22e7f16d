package io.kubemu.protocols.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kinds the control plane serves load from real manifests, in file order, each as its fabric8 class. */
class KnownKindsTest {

  @Test
  void aFileMixingEveryKindLoadsInOrder() {
    List<HasMetadata> objects = ManifestLoader.load("kinds.yaml", ManifestLoaderTest.resource("kinds.yaml"));

    assertEquals(List.of("v1 Namespace/shop", "apps/v1 Deployment/web", "apps/v1 ReplicaSet/cache",
        "apps/v1 DaemonSet/node-agent", "apps/v1 StatefulSet/db", "batch/v1 Job/migrate", "v1 Service/web",
        "discovery.k8s.io/v1 EndpointSlice/web-abc12", "networking.k8s.io/v1 Ingress/shop",
        "networking.k8s.io/v1 NetworkPolicy/web-from-frontend", "v1 Event/web.17a3b"),
        objects.stream().map(o -> o.getApiVersion() + " " + o.getKind() + "/" + o.getMetadata().getName()).toList());
    Deployment web = assertInstanceOf(Deployment.class, objects.get(1));
    assertEquals(3, web.getSpec().getReplicas());
    assertEquals(new IntOrString(0), web.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable());
    Service svc = assertInstanceOf(Service.class, objects.get(6));
    assertEquals("http", svc.getSpec().getPorts().get(0).getTargetPort().getStrVal());
    assertEquals(30080, svc.getSpec().getPorts().get(0).getNodePort());
    EndpointSlice slice = assertInstanceOf(EndpointSlice.class, objects.get(7));
    assertEquals(List.of("10.244.1.5"), slice.getEndpoints().get(0).getAddresses());
    Ingress ingress = assertInstanceOf(Ingress.class, objects.get(8));
    assertEquals("*.shop.example.com", ingress.getSpec().getRules().get(1).getHost());
    NetworkPolicy np = assertInstanceOf(NetworkPolicy.class, objects.get(9));
    assertEquals(List.of("10.1.0.0/16"), np.getSpec().getIngress().get(0).getFrom().get(1).getIpBlock().getExcept());
    assertEquals("Scheduled", assertInstanceOf(Event.class, objects.get(10)).getReason());
  }

  @Test
  void aJsonListOfWorkloadsLoads() {
    String json = """
        {"apiVersion": "v1", "kind": "List", "items": [
          {"apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "once"},
           "spec": {"template": {"spec": {"restartPolicy": "OnFailure",
             "containers": [{"name": "c", "image": "busybox"}]}}}},
          {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": "deny-all"},
           "spec": {"podSelector": {}, "policyTypes": ["Ingress"]}}
        ]}
        """;

    List<HasMetadata> objects = ManifestLoader.load("list.json", json);

    assertEquals(List.of("Job", "NetworkPolicy"), objects.stream().map(HasMetadata::getKind).toList());
  }

  @Test
  void scopesComeFromTheModel() {
    assertTrue(KnownKinds.find("apps/v1", "Deployment").orElseThrow().namespaced());
    assertTrue(KnownKinds.find("discovery.k8s.io/v1", "EndpointSlice").orElseThrow().namespaced());
    assertTrue(KnownKinds.find("networking.k8s.io/v1", "NetworkPolicy").orElseThrow().namespaced());
    assertTrue(KnownKinds.find("v1", "Event").orElseThrow().namespaced());
    assertFalse(KnownKinds.find("v1", "Node").orElseThrow().namespaced());
    assertFalse(KnownKinds.find("v1", "Namespace").orElseThrow().namespaced());
  }

  @Test
  void anInvalidWorkloadIsRefusedWithItsLine() {
    String text = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: api}
            spec:
              containers:
              - {name: web, image: nginx}
        """;

    ManifestException e = assertThrows(ManifestException.class,
        () -> ManifestLoader.load("web.yaml", text));

    ManifestProblem p = e.problems().get(0);
    assertEquals("spec.template.metadata.labels", p.field());
    assertEquals(10, p.line());
    assertEquals("Invalid value: map[string]string{\"app\":\"api\"}: `selector` does not match template `labels`",
        p.message());
  }
}
