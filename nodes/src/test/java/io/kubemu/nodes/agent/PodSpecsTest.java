package io.kubemu.nodes.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubemu.nodes.prober.Probe;
import io.kubemu.nodes.prober.ProbeKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Containers as the kubelet reads them: environments (downward API fieldRefs included) and probes. */
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

  @Test
  void probesAreReadWithTheApiDefaultsForWhatTheyLeaveOut() {
    var pod = PodSpecs.parse("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},
         "spec":{"containers":[{"name":"c","image":"busybox",
          "readinessProbe":{"exec":{"command":["cat","/tmp/ready",null]},"initialDelaySeconds":5,"successThreshold":2},
          "livenessProbe":{"tcpSocket":{"port":"http"},"periodSeconds":0},
          "startupProbe":{"httpGet":{"path":"/healthz","port":8080},"failureThreshold":30,"timeoutSeconds":3}}]}}""");
    Map<ProbeKind, Probe> probes = PodSpecs.containers(pod).get(0).probes();
    assertEquals(new Probe(new Probe.Exec(List.of("cat", "/tmp/ready")), 5, 10, 1, 2, 3), probes.get(ProbeKind.READINESS));
    assertEquals(new Probe(new Probe.TcpSocket(null, "http"), 0, 10, 1, 1, 3), probes.get(ProbeKind.LIVENESS),
        "a period the API server would refuse falls back to the default");
    assertEquals(new Probe(new Probe.HttpGet(null, null, "8080", "/healthz"), 0, 10, 3, 1, 30), probes.get(ProbeKind.STARTUP));
  }

  @Test
  void aContainerWithoutProbesHasNoneAndAProbeWithoutAHandlerSaysSo() {
    var pod = PodSpecs.parse("""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web"},
         "spec":{"containers":[{"name":"a","image":"busybox"},{"name":"b","image":"busybox","readinessProbe":{"periodSeconds":3}}]}}""");
    assertEquals(Map.of(), PodSpecs.containers(pod).get(0).probes());
    assertEquals(new Probe.NoHandler(), PodSpecs.containers(pod).get(1).probes().get(ProbeKind.READINESS).action());
  }
}
