package io.kubemu.protocols.api;

import static io.kubemu.protocols.api.ManifestProblemsTest.onlyProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.kubemu.protocols.api.calico.BGPConfiguration;
import io.kubemu.protocols.api.calico.BGPPeer;
import io.kubemu.protocols.api.calico.CidrBlock;
import io.kubemu.protocols.api.calico.IPPool;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Calico's projectcalico.org/v3 IPPool, BGPConfiguration and BGPPeer load from real YAML, strictly, and read back. */
class CalicoKindsTest {
  private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  @Test
  void calicosDocumentedResourcesLoad() {
    List<HasMetadata> objects = ManifestLoader.load("calico.yaml", ManifestLoaderTest.resource("calico.yaml"));

    assertEquals(List.of("projectcalico.org/v3 BGPConfiguration/default", "projectcalico.org/v3 BGPPeer/peer-with-route-reflectors",
        "projectcalico.org/v3 BGPPeer/tor", "projectcalico.org/v3 IPPool/default-ipv4-ippool"),
        objects.stream().map(o -> o.getApiVersion() + " " + o.getKind() + "/" + o.getMetadata().getName()).toList());
    BGPConfiguration config = assertInstanceOf(BGPConfiguration.class, objects.get(0));
    assertEquals(Boolean.FALSE, config.getSpec().getNodeToNodeMeshEnabled());
    assertEquals(64512, config.getSpec().getAsNumber().value().getAsLong());
    assertEquals(List.of(new CidrBlock("10.96.0.0/12")), config.getSpec().getServiceClusterIPs());
    BGPPeer tor = assertInstanceOf(BGPPeer.class, objects.get(2));
    assertEquals(65536 + 10, tor.getSpec().getAsNumber().value().getAsLong(), "dotted AS numbers");
    assertEquals("127.0.0.1:17900", tor.getSpec().getPeerIP());
    IPPool pool = assertInstanceOf(IPPool.class, objects.get(3));
    assertEquals("Always", pool.getSpec().getIpipMode());
    assertEquals(26, pool.getSpec().getBlockSize());
  }

  @Test
  void theyAreClusterScopedAndEveryKindNameIsUnique() {
    assertFalse(KnownKinds.find("projectcalico.org/v3", "IPPool").orElseThrow().namespaced());
    assertFalse(KnownKinds.find("projectcalico.org/v3", "BGPPeer").orElseThrow().namespaced());
    Set<String> names = KnownKinds.all().stream().map(KnownKinds.Kind::kind).collect(Collectors.toSet());
    assertEquals(KnownKinds.all().size(), names.size(), "findKind looks kinds up by name alone");
  }

  @Test
  void unknownFieldsAreRefusedWithTheirLine() {
    String text = "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p}\nspec:\n  cidrs: 10.0.0.0/16\n";
    ManifestProblem p = onlyProblem("pool.yaml", text);
    assertEquals(5, p.line());
    assertEquals("spec.cidrs", p.field());
    assertEquals("unknown field \"spec.cidrs\" (did you mean \"cidr\"?)", p.message());
    ManifestProblem nested = onlyProblem("bgp.yaml", "apiVersion: projectcalico.org/v3\nkind: BGPConfiguration\nmetadata: {name: default}\n"
        + "spec:\n  serviceClusterIPs:\n  - cdir: 10.96.0.0/12\n");
    assertEquals("spec.serviceClusterIPs[0].cdir", nested.field());
    assertEquals(6, nested.line());
  }

  @Test
  void valuesOfTheWrongTypeAreRefused() {
    ManifestProblem p = onlyProblem("pool.yaml", "apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata: {name: p}\n"
        + "spec: {cidr: 10.0.0.0/16, blockSize: \"26\"}\n");
    assertEquals("spec.blockSize", p.field());
    assertEquals("invalid type: string \"26\" (expected: int32)", p.message());
    ManifestProblem as = onlyProblem("peer.yaml", "apiVersion: projectcalico.org/v3\nkind: BGPPeer\nmetadata: {name: p}\n"
        + "spec: {peerIP: 10.0.0.1, asNumber: true}\n");
    assertEquals("spec.asNumber", as.field());
    assertEquals("invalid type: boolean true (expected: an AS number, e.g. 64512 or \"1.10\")", as.message());
  }

  @Test
  void theCrdGroupIsPointedToTheApiGroup() {
    ManifestProblem p = onlyProblem("pool.yaml", "apiVersion: crd.projectcalico.org/v1\nkind: IPPool\nmetadata: {name: p}\n");
    assertEquals("apiVersion", p.field());
    assertEquals("no matches for kind \"IPPool\" in version \"crd.projectcalico.org/v1\" (expected: apiVersion"
        + " \"projectcalico.org/v3\" for kind IPPool)", p.message());
  }

  @Test
  void fabric8sDeserializerFindsTheClassesAndJsonReadsBackEqual() throws Exception {
    for (HasMetadata o : ManifestLoader.load("calico.yaml", ManifestLoaderTest.resource("calico.yaml"))) {
      String json = JSON.writeValueAsString(o);
      assertEquals(o, JSON.readValue(json, KubernetesResource.class), json);
    }
    String peer = JSON.writeValueAsString(ManifestLoader.load("calico.yaml", ManifestLoaderTest.resource("calico.yaml")).get(2));
    assertEquals("{\"apiVersion\":\"projectcalico.org/v3\",\"kind\":\"BGPPeer\",\"metadata\":{\"name\":\"tor\"},\"spec\":{"
        + "\"nodeSelector\":\"rack == 'a'\",\"peerIP\":\"127.0.0.1:17900\",\"asNumber\":\"1.10\"}}", peer);
    String config = JSON.writeValueAsString(ManifestLoader.load("calico.yaml", ManifestLoaderTest.resource("calico.yaml")).get(0));
    assertEquals(true, config.contains("\"asNumber\":64512"), config);
  }
}
