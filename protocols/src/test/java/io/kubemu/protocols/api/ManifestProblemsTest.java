package io.kubemu.protocols.api;

import static io.kubemu.protocols.api.ManifestLoaderTest.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Refused manifests: every problem names the file, the 1-based line and column in the whole file, and the
 * field; load() throws, so nothing of the file is applied, not even its valid documents.
 */
class ManifestProblemsTest {

  static List<ManifestProblem> problems(String file, String text) {
    return assertThrows(ManifestException.class, () -> ManifestLoader.load(file, text)).problems();
  }

  static ManifestProblem onlyProblem(String file, String text) {
    List<ManifestProblem> problems = problems(file, text);
    assertEquals(1, problems.size(), problems::toString);
    return problems.get(0);
  }

  @Test
  void yamlSyntaxErrorHasTheParsersLineAndColumn() {
    String text = pod("web") + "---\n" + "apiVersion: v1\nkind: Pod\nmetadata:\n  name: db\n   labels: {}\n";

    ManifestProblem p = onlyProblem("web.yaml", text);

    assertEquals(new ManifestProblem("web.yaml", 14, 10, "", "mapping values are not allowed here"), p);
    assertEquals("web.yaml:14:10: mapping values are not allowed here", p.toString());
  }

  @Test
  void unclosedFlowSequenceNamesWhereItStarted() {
    ManifestProblem p = onlyProblem("flow.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: [a, b}\n");

    assertEquals(3, p.line());
    assertEquals("expected ',' or ']', but got } (while parsing a flow sequence started at line 3)", p.message());
  }

  @Test
  void tabIndentationIsASyntaxError() {
    ManifestProblem p = onlyProblem("tab.yaml", "apiVersion: v1\nkind: Pod\n\tmetadata: {}\n");

    assertEquals(3, p.line());
    assertEquals(1, p.column());
    assertTrue(p.message().startsWith("found character '\\t(TAB)' that cannot start any token"), p.message());
  }

  @Test
  void jsonSyntaxError() {
    ManifestProblem p = onlyProblem("web.json", "{\"apiVersion\": \"v1\",\n \"kind\": \"Pod\",\n \"metadata\": }\n");

    assertEquals(new ManifestProblem("web.json", 3, 14, "", "Unexpected character ('}' (code 125)): expected a value"), p);
  }

  @Test
  void aDocumentThatIsNotAMappingIsRefused() {
    ManifestProblem p = onlyProblem("seq.yaml", pod("web") + "---\n- a\n- b\n");

    assertEquals(new ManifestProblem("seq.yaml", 10, 1, "", "a document must be a mapping with apiVersion and kind, not array"), p);
  }

  @Test
  void missingApiVersionAndKindAreBothReported() {
    List<ManifestProblem> ps = problems("bare.yaml", "metadata:\n  name: web\n");

    assertEquals(List.of(
        new ManifestProblem("bare.yaml", 1, 1, "apiVersion", "Required value"),
        new ManifestProblem("bare.yaml", 1, 1, "kind", "Required value")), ps);
  }

  @Test
  void unknownKindListsTheKnownKinds() {
    String text = pod("web") + "---\napiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: web\n";

    ManifestProblem p = onlyProblem("deploy.yaml", text);

    assertEquals("deploy.yaml", p.file());
    assertEquals(11, p.line());
    assertEquals("kind", p.field());
    assertEquals("no matches for kind \"Deploymnet\" in version \"apps/v1\" (known kinds: apps/v1 DaemonSet,"
        + " apps/v1 Deployment, apps/v1 ReplicaSet, apps/v1 StatefulSet, batch/v1 Job, discovery.k8s.io/v1 EndpointSlice,"
        + " networking.k8s.io/v1 Ingress, networking.k8s.io/v1 IngressClass, networking.k8s.io/v1 NetworkPolicy,"
        + " projectcalico.org/v3 BGPConfiguration, projectcalico.org/v3 BGPPeer, projectcalico.org/v3 BlockAffinity,"
        + " projectcalico.org/v3 IPPool, v1 ConfigMap,"
        + " v1 Endpoints, v1 Event,"
        + " v1 Namespace, v1 Node, v1 Pod, v1 Secret, v1 Service, v1 ServiceAccount, v1 List)", p.message());
  }

  @Test
  void knownKindInTheWrongVersionNamesTheRightOne() {
    ManifestProblem p = onlyProblem("pod.yaml", pod("web").replace("apiVersion: v1", "apiVersion: apps/v1"));

    assertEquals(new ManifestProblem("pod.yaml", 1, 1, "apiVersion",
        "no matches for kind \"Pod\" in version \"apps/v1\" (expected: apiVersion \"v1\" for kind Pod)"), p);
  }

  @Test
  void wrongValueTypeNamesTheFieldPath() {
    ManifestProblem p = onlyProblem("web.yaml", pod("web") + "    ports:\n    - containerPort: abc\n");

    assertEquals(new ManifestProblem("web.yaml", 10, 7, "spec.containers[0].ports[0].containerPort",
        "invalid type: string \"abc\" (expected: int32)"), p);
  }

  @Test
  void aNumberWhereAStringBelongsIsRefusedAsKubernetesDoes() {
    ManifestProblem p = onlyProblem("env.yaml", pod("web") + "    env:\n    - name: PORT\n      value: 8080\n");

    assertEquals(new ManifestProblem("env.yaml", 11, 7, "spec.containers[0].env[0].value",
        "invalid type: number 8080 (expected: string)"), p);
  }

  @Test
  void unknownFieldIsRefusedLikeKubectlValidateStrict() {
    ManifestProblem p = onlyProblem("web.yaml", pod("web").replace("    image: nginx", "    imagee: nginx"));

    assertEquals(new ManifestProblem("web.yaml", 8, 5, "spec.containers[0].imagee",
        "unknown field \"spec.containers[0].imagee\" (did you mean \"image\"?)"), p);
  }

  @Test
  void duplicateFieldIsRefused() {
    ManifestProblem p = onlyProblem("dup.yaml", pod("web") + "    image: nginx:1.27\n");

    assertEquals(new ManifestProblem("dup.yaml", 9, 5, "spec.containers[0].image",
        "duplicate field \"image\" (already set at line 8)"), p);
  }

  @Test
  void validationErrorsCarryWholeFileLinesAndRejectTheValidDocumentsToo() {
    String text = pod("web") + "---\n" + pod("db").replace("- name: web", "- name: Web_1");

    ManifestProblem p = onlyProblem("web.yaml", text);

    assertEquals("web.yaml:16:5: spec.containers[0].name: Invalid value: \"Web_1\": a lowercase RFC 1123 label must"
        + " consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric"
        + " character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
        p.toString());
  }

  @Test
  void aMissingFieldIsPlacedAtItsParent() {
    ManifestProblem p = onlyProblem("web.yaml", pod("web").replace("    image: nginx\n", ""));

    assertEquals("web.yaml:7:5: spec.containers[0].image: Required value", p.toString());
  }

  @Test
  void problemsFromEveryDocumentAreReportedTogether() {
    String text = pod("Web") + "---\n" + pod("db").replace("image: nginx", "image: \"\"") + "---\nkind: Pod\n";

    List<String> ps = problems("web.yaml", text).stream().map(ManifestProblem::toString).toList();

    assertEquals(3, ps.size(), ps::toString);
    assertTrue(ps.get(0).startsWith("web.yaml:4:3: metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain"));
    assertEquals("web.yaml:17:5: spec.containers[0].image: Required value", ps.get(1));
    assertEquals("web.yaml:19:1: apiVersion: Required value", ps.get(2));
  }

  @Test
  void listItemProblemsNameTheItem() {
    String text = """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: Pod
          metadata: {name: web}
          spec: {containers: [{name: web}]}
        - 3
        """;

    List<ManifestProblem> ps = problems("list.yaml", text);

    assertEquals(List.of(
        new ManifestProblem("list.yaml", 7, 23, "items[0].spec.containers[0].image", "Required value"),
        new ManifestProblem("list.yaml", 8, 3, "items[1]", "a List item must be a mapping with apiVersion and kind, not number 3")), ps);
  }

  @Test
  void intOrStringFieldsAcceptOnlyIntegersOrStrings() {
    String text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n    targetPort: {a: 1}\n";

    assertEquals(new ManifestProblem("svc.yaml", 8, 5, "spec.ports[0].targetPort",
        "invalid type: object (expected: integer or string)"), onlyProblem("svc.yaml", text));
  }

  @Test
  void aliasBombIsRefused() {
    StringBuilder text = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      text.append(c).append(": &").append(c).append(" [").append(("*" + (char) (c - 1) + ", ").repeat(9))
          .append('*').append((char) (c - 1)).append("]\n");
    }

    ManifestProblem p = onlyProblem("laughs.yaml", text.toString());

    assertEquals("", p.field());
    assertTrue(p.message().contains("aliases"), p.message());
  }

  @Test
  void aliasExpansionIsCapped() {
    StringBuilder text = new StringBuilder("a0: &a0 [x, x]\n");
    for (int i = 1; i < 24; i++) {
      text.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1).append(", *a").append(i - 1).append("]\n");
    }

    ManifestProblem p = onlyProblem("doubling.yaml", text.toString());

    assertEquals("doubling.yaml:1:1: file too large: more than 250000 values or 100 levels once aliases are expanded",
        p.toString());
  }

  @Test
  void aByteOrderMarkIsIgnored() {
    assertEquals(1, ManifestLoader.load("bom.yaml", "\uFEFF" + pod("web")).size());
  }

  @Test
  void theExceptionMessageListsOneProblemPerLine() {
    ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load("bare.yaml", "metadata: {}\n"));

    assertEquals("bare.yaml:1:1: apiVersion: Required value\nbare.yaml:1:1: kind: Required value", e.getMessage());
  }
}
