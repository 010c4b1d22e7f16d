package io.kubemu.protocols.api.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field errors as the API server reports them, message for message (pkg/apis/core/validation). */
class ValidationTest {
  private static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric"
      + " characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc',"
      + " regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

  static PodBuilder pod() {
    return new PodBuilder().withNewMetadata().withName("web").endMetadata()
        .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec();
  }

  static List<String> errors(HasMetadata obj) {
    return Validation.validate(obj).stream().map(FieldError::toString).toList();
  }

  @Test
  void aPlainPodIsValid() {
    assertEquals(List.of(), errors(pod().build()));
  }

  @Test
  void containerNameMustBeADns1123Label() {
    Pod p = pod().editSpec().editFirstContainer().withName("Web_1").endContainer().endSpec().build();

    assertEquals(List.of("spec.containers[0].name: Invalid value: \"Web_1\": " + LABEL_MSG), errors(p));
  }

  @Test
  void containersAreRequired() {
    Pod p = pod().editSpec().withContainers(List.of()).endSpec().build();

    assertEquals(List.of("spec.containers: Required value"), errors(p));
  }

  @Test
  void containerNamesAreUniqueAcrossInitContainers() {
    Pod p = pod().editSpec()
        .addNewContainer().withName("web").withImage("nginx").endContainer()
        .addNewInitContainer().withName("web").withImage("busybox").endInitContainer()
        .endSpec().build();

    assertEquals(List.of(
        "spec.containers[1].name: Duplicate value: \"web\"",
        "spec.initContainers[0].name: Duplicate value: \"web\""), errors(p));
  }

  @Test
  void imageAndContainerNameAreRequired() {
    Pod p = pod().editSpec().withContainers(new ContainerBuilder().build()).endSpec().build();

    assertEquals(List.of("spec.containers[0].name: Required value", "spec.containers[0].image: Required value"), errors(p));
  }

  @Test
  void portsAreCheckedLikeTheApiServer() {
    Pod p = pod().editSpec().editFirstContainer()
        .addNewPort().withContainerPort(70000).withName("http").endPort()
        .addNewPort().withContainerPort(8080).withName("http").withProtocol("HTTP").endPort()
        .addNewPort().withName("a-very-long-port-name").endPort()
        .endContainer().endSpec().build();

    assertEquals(List.of(
        "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
        "spec.containers[0].ports[1].name: Duplicate value: \"http\"",
        "spec.containers[0].ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
        "spec.containers[0].ports[2].name: Invalid value: \"a-very-long-port-name\": must be no more than 15 characters",
        "spec.containers[0].ports[2].containerPort: Required value"), errors(p));
  }

  @Test
  void enumeratedPoliciesListTheSupportedValues() {
    Pod p = pod().editSpec().withRestartPolicy("Sometimes").withDnsPolicy("Custom").endSpec().build();

    assertEquals(List.of(
        "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
        "spec.dnsPolicy: Unsupported value: \"Custom\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\","
            + " \"Default\", \"None\""), errors(p));
  }

  @Test
  void dnsPolicyNoneNeedsNameservers() {
    Pod noConfig = pod().editSpec().withDnsPolicy("None").endSpec().build();
    Pod noServers = pod().editSpec().withDnsPolicy("None").withNewDnsConfig().withSearches("svc.local.").endDnsConfig()
        .endSpec().build();
    Pod badServer = pod().editSpec().withDnsPolicy("None").withNewDnsConfig().withNameservers("10.0.0.300")
        .endDnsConfig().endSpec().build();

    assertEquals(List.of("spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"), errors(noConfig));
    assertEquals(List.of("spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when"
        + " `dnsPolicy` is None"), errors(noServers));
    assertEquals(List.of("spec.dnsConfig.nameservers[0]: Invalid value: \"10.0.0.300\": must be a valid IP address,"
        + " (e.g. 10.9.8.7 or 2001:db8::ffff)"), errors(badServer));
  }

  @Test
  void nodeNameAndHostAliases() {
    Pod p = pod().editSpec().withNodeName("W1")
        .addNewHostAlias().withIp("10.0.0.1").withHostnames("db.local").endHostAlias()
        .addNewHostAlias().withIp("not-an-ip").withHostnames("Cache").endHostAlias()
        .endSpec().build();

    List<String> errs = errors(p);

    assertEquals(3, errs.size(), errs::toString);
    assertEquals("spec.nodeName: Invalid value: \"W1\": a lowercase RFC 1123 subdomain must consist of lower case"
        + " alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g."
        + " 'example.com', regex used for validation is"
        + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')", errs.get(0));
    assertEquals("spec.hostAliases[1].ip: Invalid value: \"not-an-ip\": must be a valid IP address, (e.g. 10.9.8.7 or"
        + " 2001:db8::ffff)", errs.get(1));
    assertEquals("spec.hostAliases[1].hostnames[0]", Validation.validate(p).get(2).field());
  }

  @Test
  void nameIsRequiredUnlessGenerateNameIsSet() {
    Pod unnamed = pod().editMetadata().withName(null).endMetadata().build();
    Pod generated = pod().editMetadata().withName(null).withGenerateName("web-").endMetadata().build();

    assertEquals(List.of("metadata.name: Required value: name or generateName is required"), errors(unnamed));
    assertEquals(List.of(), errors(generated));
  }

  @Test
  void namespaceAndServiceNamesAreLabelsOthersSubdomains() {
    var ns = new NamespaceBuilder().withNewMetadata().withName("shop.eu").endMetadata().build();
    var svc = new ServiceBuilder().withNewMetadata().withName("1web").endMetadata()
        .withNewSpec().addNewPort().withPort(80).endPort().endSpec().build();
    var cm = new ConfigMapBuilder().withNewMetadata().withName("web.conf").withNamespace("Shop").endMetadata().build();

    assertEquals(List.of("metadata.name: Invalid value: \"shop.eu\": must not contain dots"), errors(ns));
    assertEquals(List.of("metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case"
        + " alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"
        + " (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"), errors(svc));
    assertEquals(List.of("metadata.namespace: Invalid value: \"Shop\": " + LABEL_MSG), errors(cm));
  }

  @Test
  void labelsAndAnnotations() {
    Pod p = pod().editMetadata()
        .withLabels(Map.of("bad key", "ok"))
        .withAnnotations(Map.of("note", "x".repeat(ObjectMetaValidator.TOTAL_ANNOTATION_SIZE_LIMIT)))
        .endMetadata().build();

    assertEquals(List.of(
        "metadata.labels[bad key]: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-',"
            + " '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or"
            + " '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        "metadata.annotations: Too long: must have at most 262144 bytes"), errors(p));
  }

  @Test
  void labelValueMustBeShortAndPlain() {
    Pod p = pod().editMetadata().withLabels(Map.of("app", "-web")).endMetadata().build();

    FieldError e = Validation.validate(p).get(0);

    assertEquals("metadata.labels[app]", e.field());
    assertEquals(FieldError.Type.INVALID, e.type());
    assertEquals("\"-web\"", e.value());
  }

  @Test
  void invalidStatusHasTheApiServersShape() {
    Pod p = pod().editSpec().editFirstContainer().withImage(null).withName("Web_1").endContainer().endSpec().build();

    Status s = Validation.invalidStatus(p, Validation.validate(p));

    assertEquals(422, s.getCode());
    assertEquals("Failure", s.getStatus());
    assertEquals("Invalid", s.getReason());
    assertEquals("Pod \"web\" is invalid: [spec.containers[0].name: Invalid value: \"Web_1\": " + LABEL_MSG
        + ", spec.containers[0].image: Required value]", s.getMessage());
    assertEquals("web", s.getDetails().getName());
    assertEquals("Pod", s.getDetails().getKind());
    assertNull(s.getDetails().getGroup());
    assertEquals("spec.containers[0].image", s.getDetails().getCauses().get(1).getField());
    assertEquals("FieldValueRequired", s.getDetails().getCauses().get(1).getReason());
    assertEquals("Required value", s.getDetails().getCauses().get(1).getMessage());
  }
}
