package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The API server generates a Job's selector from its uid, as the Job strategy does, unless manualSelector. */
class JobSelectorTest {
  private static final String JOB = """
      {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"pi"},
       "spec":{%s"template":{"metadata":{"labels":{"app":"pi"}},
         "spec":{"restartPolicy":"Never","containers":[{"name":"c","image":"busybox","command":["true"]}]}}}}""";

  private static ObjectStore store() {
    ObjectStore store = new ObjectStore();
    store.put(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build());
    return store;
  }

  private static Job job(String spec) {
    return (Job) Json.read(JOB.formatted(spec));
  }

  @Test
  void theSelectorAndTheTemplateLabelsNameTheJobsUid() {
    ObjectStore store = store();
    Job j = job("");
    assertNull(Admission.admit(j, store, Set.of()));
    String uid = j.getMetadata().getUid();
    assertNotNull(uid);
    assertEquals(Map.of("batch.kubernetes.io/controller-uid", uid), j.getSpec().getSelector().getMatchLabels());
    assertEquals(Map.of("app", "pi", "controller-uid", uid, "batch.kubernetes.io/controller-uid", uid,
        "job-name", "pi", "batch.kubernetes.io/job-name", "pi"), j.getSpec().getTemplate().getMetadata().getLabels());
    assertEquals("created", store.put(j));
    assertEquals(uid, store.get("Job", "default", "pi").orElseThrow().getMetadata().getUid(), "the store keeps the uid the selector names");
  }

  @Test
  void applyingTheSameManifestAgainLeavesTheGeneratedSelector() {
    ObjectStore store = store();
    Job first = job("");
    Admission.admit(first, store, Set.of());
    store.put(first);
    Job again = job("");
    assertNull(Admission.admit(again, store, Set.of()));
    assertEquals(first.getSpec().getSelector(), again.getSpec().getSelector());
    assertEquals("unchanged", store.put(again));
  }

  @Test
  void aManualSelectorIsLeftAsWritten() {
    ObjectStore store = store();
    Job j = job("\"manualSelector\":true,\"selector\":{\"matchLabels\":{\"app\":\"pi\"}},");
    assertNull(Admission.admit(j, store, Set.of()));
    assertEquals(Map.of("app", "pi"), j.getSpec().getSelector().getMatchLabels());
    assertEquals(Map.of("app", "pi"), j.getSpec().getTemplate().getMetadata().getLabels());
  }
}
