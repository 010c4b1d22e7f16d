package io.kubemu.emulator.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench's workload keeps the endpoints off h1 and the client on it, behind a NodePort Service. */
class ServicesWorkloadTest {
  @Test
  void theEndpointsAvoidH1AndTheClientIsOnIt() {
    List<HasMetadata> objects = ServicesWorkload.objects(4);
    Deployment d = (Deployment) objects.get(0);
    assertEquals(4, d.getSpec().getReplicas());
    NodeSelectorRequirement r = d.getSpec().getTemplate().getSpec().getAffinity().getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0).getMatchExpressions().get(0);
    assertEquals(List.of("kubemu.io/host", "NotIn", List.of("h1")), List.of(r.getKey(), r.getOperator(), r.getValues()));
    assertEquals(List.of("/agnhost", "serve-hostname", "--port=9376"),
        d.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand());
    Service s = (Service) objects.get(1);
    assertEquals("NodePort", s.getSpec().getType());
    assertEquals(Map.of("app", "svc-bench"), s.getSpec().getSelector());
    assertEquals(9376, s.getSpec().getPorts().get(0).getTargetPort().getIntVal());
    Pod client = (Pod) objects.get(2);
    assertEquals(Map.of("kubemu.io/host", "h1"), client.getSpec().getNodeSelector());
    assertEquals("kubemu/bench", client.getSpec().getContainers().get(0).getImage());
  }

  @Test
  void placementCountsEndpointsPerNodeAndHost() {
    ServicesWorkload.Deployed d = new ServicesWorkload.Deployed("10.96.0.9", 80,
        Map.of("web-a", "w3", "web-b", "w2", "web-c", "w3"), Map.of("w1", "h1", "w2", "h2", "w3", "h3"));
    assertEquals("w2@h2: 1, w3@h3: 2", d.placement());
  }
}
