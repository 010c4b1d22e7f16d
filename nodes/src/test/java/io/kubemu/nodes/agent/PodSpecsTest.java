package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Container environments as the kubelet builds them, downward API fieldRefs included. */
class PodSpecsTest {
  @Test
  void fieldRefsResolveToThePodsOwnFields() {
    var pod = PodSpecs.parse("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pi-1-x7","namespace":"batch","uid":"u1",
          "labels":{"app":"pi"},"annotations":{"batch.kubernetes.io/job-completion-index":"1"}},
         "spec":{"nodeName":"w2","containers":[{"name":"c","image":"busybox","env":[
           {"name":"PLAIN","value":"v"},
           {"name":"INDEX","valueFrom":{"fieldRef":{"fieldPath":"metadata.annotations['batch.kubernetes.io/job-completion-index']"}}},
           {"name":"APP","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['app']"}}},
           {"name":"NAME","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
           {"name":"NS","valueFrom":{"fieldRef":{"fieldPath":"metadata.namespace"}}},
           {"name":"NODE","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}},
           {"name":"MISSING","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['nope']"}}},
           {"name":"SECRET","valueFrom":{"secretKeyRef":{"name":"s","key":"k"}}}]}]}}""");
    assertEquals(Map.of("PLAIN", "v", "INDEX", "1", "APP", "pi", "NAME", "pi-1-x7", "NS", "batch", "NODE", "w2",
        "MISSING", "", "SECRET", ""), PodSpecs.containers(pod).get(0).env());
  }
}
