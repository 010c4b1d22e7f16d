package io.kubemu.emulator.controlplane;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;

/** What the API server fills in when a client leaves a field out. */
class DefaultsTest {
  private static JsonNode defaulted(String json) {
    HasMetadata obj = Json.read(json.replace('\'', '"'));
    Defaults.apply(obj);
    return Json.MAPPER.valueToTree(obj);
  }

  private static final String TEMPLATE = "'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':["
      + "{'name':'a','image':'nginx:1.27','ports':[{'containerPort':80}]},{'name':'b','image':'busybox'}]}}";

  @Test
  void aDeploymentGetsReplicasStrategyAndPodDefaults() {
    JsonNode d = defaulted("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{" + TEMPLATE + "}}");
    assertEquals(1, d.at("/spec/replicas").asInt());
    assertEquals(10, d.at("/spec/revisionHistoryLimit").asInt());
    assertEquals(600, d.at("/spec/progressDeadlineSeconds").asInt());
    assertEquals("RollingUpdate", d.at("/spec/strategy/type").asText());
    assertEquals("25%", d.at("/spec/strategy/rollingUpdate/maxSurge").asText());
    JsonNode pod = d.at("/spec/template/spec");
    assertEquals("Always", pod.path("restartPolicy").asText());
    assertEquals("ClusterFirst", pod.path("dnsPolicy").asText());
    assertEquals(30, pod.path("terminationGracePeriodSeconds").asInt());
    assertEquals("TCP", pod.at("/containers/0/ports/0/protocol").asText());
    assertEquals("IfNotPresent", pod.at("/containers/0/imagePullPolicy").asText());
    assertEquals("Always", pod.at("/containers/1/imagePullPolicy").asText(), "no tag means latest");
    assertEquals("/dev/termination-log", pod.at("/containers/1/terminationMessagePath").asText());
  }

  @Test
  void whatTheClientSaidIsKept() {
    JsonNode d = defaulted("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web'},'spec':{'replicas':0,"
        + "'strategy':{'type':'Recreate'}," + TEMPLATE + "}}");
    assertEquals(0, d.at("/spec/replicas").asInt());
    assertEquals("Recreate", d.at("/spec/strategy/type").asText());
    assertEquals(true, d.at("/spec/strategy/rollingUpdate").isMissingNode());
  }

  @Test
  void jobsSecretsNamespacesAndStatefulSets() {
    JsonNode job = defaulted("{'apiVersion':'batch/v1','kind':'Job','metadata':{'name':'j'},'spec':{" + TEMPLATE + "}}");
    assertEquals(1, job.at("/spec/completions").asInt());
    assertEquals(1, job.at("/spec/parallelism").asInt());
    assertEquals(6, job.at("/spec/backoffLimit").asInt());
    assertEquals("Opaque", defaulted("{'apiVersion':'v1','kind':'Secret','metadata':{'name':'s'}}").path("type").asText());
    assertEquals("Active", defaulted("{'apiVersion':'v1','kind':'Namespace','metadata':{'name':'n'}}").at("/status/phase").asText());
    JsonNode sts = defaulted("{'apiVersion':'apps/v1','kind':'StatefulSet','metadata':{'name':'s'},'spec':{'serviceName':'s'," + TEMPLATE + "}}");
    assertEquals("OrderedReady", sts.at("/spec/podManagementPolicy").asText());
    assertEquals(0, sts.at("/spec/updateStrategy/rollingUpdate/partition").asInt());
    JsonNode ds = defaulted("{'apiVersion':'apps/v1','kind':'DaemonSet','metadata':{'name':'d'},'spec':{" + TEMPLATE + "}}");
    assertEquals(1, ds.at("/spec/updateStrategy/rollingUpdate/maxUnavailable").asInt());
  }
}
