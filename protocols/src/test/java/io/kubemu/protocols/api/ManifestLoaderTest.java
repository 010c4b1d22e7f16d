package io.kubemu.protocols.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests that load, in every shape kubectl accepts. Refused manifests are in {@link ManifestProblemsTest}. */
class ManifestLoaderTest {

  static String resource(String name) {
    try (InputStream in = ManifestLoaderTest.class.getResourceAsStream("/api/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void loadsMultiDocumentYamlInFileOrder() {
    List<HasMetadata> objects = ManifestLoader.load("web.yaml", resource("web.yaml"));

    assertEquals(List.of("Namespace/shop", "Pod/web-1", "Pod/client"),
        objects.stream().map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList());
    Namespace ns = assertInstanceOf(Namespace.class, objects.get(0));
    assertEquals(Map.of("team", "payments"), ns.getMetadata().getLabels());

    Pod web = assertInstanceOf(Pod.class, objects.get(1));
    assertEquals("shop", web.getMetadata().getNamespace());
    assertEquals(Map.of("app.kubernetes.io/name", "web", "tier", "frontend"), web.getMetadata().getLabels());
    assertEquals("serves the storefront", web.getMetadata().getAnnotations().get("kubemu.io/note"));
    Container nginx = web.getSpec().getContainers().get(0);
    assertEquals("nginx:1.27", nginx.getImage());
    assertEquals(List.of("nginx"), nginx.getCommand());
    assertEquals(List.of("-g", "daemon off;"), nginx.getArgs());
    assertEquals(80, nginx.getPorts().get(0).getContainerPort());
    assertEquals("http", nginx.getPorts().get(0).getName());
    assertEquals("TCP", nginx.getPorts().get(0).getProtocol());
    assertEquals("production", nginx.getEnv().get(0).getValue());
    assertEquals("status.podIP", nginx.getEnv().get(1).getValueFrom().getFieldRef().getFieldPath());
    assertEquals("100m", nginx.getResources().getRequests().get("cpu").toString());
    assertEquals("10.0.0.10", web.getSpec().getHostAliases().get(0).getIp());
    assertEquals(List.of("db.local", "cache.local"), web.getSpec().getHostAliases().get(0).getHostnames());
    assertEquals("Always", web.getSpec().getRestartPolicy());

    Pod client = assertInstanceOf(Pod.class, objects.get(2));
    assertEquals("wait", client.getSpec().getInitContainers().get(0).getName());
    Container curl = client.getSpec().getContainers().get(0);
    assertEquals("while true; do curl -s http://web-1; sleep 5; done\n", curl.getArgs().get(2));
    assertEquals(8080, curl.getPorts().get(0).getContainerPort());
  }

  @Test
  void loadsAStreamOfJsonObjectsIndentedWithTabs() {
    List<HasMetadata> objects = ManifestLoader.load("web.json", resource("web.json"));

    assertEquals(2, objects.size());
    assertInstanceOf(Namespace.class, objects.get(0));
    Pod pod = assertInstanceOf(Pod.class, objects.get(1));
    assertEquals(80, pod.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort());
  }

  @Test
  void flattensAV1ListIntoItsItems() {
    List<HasMetadata> objects = ManifestLoader.load("list.yaml", resource("list.yaml"));

    ConfigMap config = assertInstanceOf(ConfigMap.class, objects.get(0));
    assertEquals("server { listen 80; }\n", config.getData().get("nginx.conf"));
    Service svc = assertInstanceOf(Service.class, objects.get(1));
    assertEquals("http", svc.getSpec().getPorts().get(0).getTargetPort().getStrVal());
    assertEquals(Map.of("app", "web"), svc.getSpec().getSelector());
  }

  @Test
  void skipsEmptyAndNullDocuments() {
    String text = "---\n# only a comment\n---\n~\n---\n" + pod("web") + "---\n---\n";

    List<HasMetadata> objects = ManifestLoader.load("sparse.yaml", text);

    assertEquals(1, objects.size());
    assertEquals(List.of(), ManifestLoader.load("empty.yaml", ""));
  }

  @Test
  void resolvesAnchorsAliasesAndMergeKeys() {
    String text = """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          labels: &labels {app: web}
        spec:
          nodeSelector: *labels
          containers:
          - &main {name: web, image: nginx, ports: [{containerPort: 80}]}
          - <<: *main
            name: sidecar
        """;

    Pod pod = (Pod) ManifestLoader.load("anchors.yaml", text).get(0);

    assertEquals(Map.of("app", "web"), pod.getSpec().getNodeSelector());
    Container sidecar = pod.getSpec().getContainers().get(1);
    assertEquals("sidecar", sidecar.getName());
    assertEquals("nginx", sidecar.getImage());
    assertEquals(80, sidecar.getPorts().get(0).getContainerPort());
  }

  @Test
  void readsYaml11ScalarsAsKubectlDoes() {
    String text = pod("web") + "    securityContext: {privileged: no, runAsUser: 0x3e8}\n";

    Container c = ((Pod) ManifestLoader.load("scalars.yaml", text).get(0)).getSpec().getContainers().get(0);

    assertEquals(false, c.getSecurityContext().getPrivileged());
    assertEquals(1000L, c.getSecurityContext().getRunAsUser());
  }

  @Test
  void loadsFromAPath(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("web.yaml");
    Files.writeString(file, resource("web.yaml"));

    assertEquals(3, ManifestLoader.load(file).size());
  }

  @Test
  void aMissingFileIsAProblemWithoutALine(@TempDir Path dir) {
    Path file = dir.resolve("absent.yaml");

    ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(file));

    assertEquals(new ManifestProblem(file.toString(), 0, 0, "", "no such file"), e.problems().get(0));
    assertTrue(e.getMessage().endsWith("absent.yaml: no such file"));
  }

  static String pod(String name) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
        spec:
          containers:
          - name: web
            image: nginx
        """.formatted(name);
  }
}
