package io.kubemu.emulator.api;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Field numbers of the k8s.io/api generated.proto messages that kubectl create sends (Namespace,
 * ConfigMap, Secret, ServiceAccount, Deployment, Job, Service and what they hold), with each field's JSON name.
 * Fields not listed are skipped. Pure data.
 */
final class ProtoSchema {
  enum Kind { STRING, BYTES, INT, BOOL, MESSAGE, STRING_MAP, BYTES_MAP, QUANTITY_MAP, TIME, INT_OR_STRING }

  /**
   * One field. {@code optional}: a pointer in Go, sent only when set, so a zero value is kept; other
   * scalars are always sent and their zero values mean "unset", as omitempty drops them from JSON.
   */
  record Field(int number, String name, Kind kind, String type, boolean repeated, boolean optional) {}

  static final Map<String, Map<Integer, Field>> MESSAGES = Map.ofEntries(
      msg("ObjectMeta", s(1, "name"), s(2, "generateName"), s(3, "namespace"), s(5, "uid"), s(6, "resourceVersion"),
          f(7, "generation", Kind.INT), f(8, "creationTimestamp", Kind.TIME), f(9, "deletionTimestamp", Kind.TIME),
          f(11, "labels", Kind.STRING_MAP), f(12, "annotations", Kind.STRING_MAP), list(13, "ownerReferences", "OwnerReference"),
          strings(14, "finalizers")),
      msg("OwnerReference", s(1, "kind"), s(3, "name"), s(4, "uid"), s(5, "apiVersion"), opt(6, "controller", Kind.BOOL),
          opt(7, "blockOwnerDeletion", Kind.BOOL)),
      msg("ConfigMap", m(1, "metadata", "ObjectMeta"), f(2, "data", Kind.STRING_MAP), f(3, "binaryData", Kind.BYTES_MAP),
          opt(4, "immutable", Kind.BOOL)),
      msg("Secret", m(1, "metadata", "ObjectMeta"), f(2, "data", Kind.BYTES_MAP), s(3, "type"), f(4, "stringData", Kind.STRING_MAP),
          opt(5, "immutable", Kind.BOOL)),
      msg("Namespace", m(1, "metadata", "ObjectMeta"), m(2, "spec", "NamespaceSpec")),
      msg("NamespaceSpec", strings(1, "finalizers")),
      msg("ServiceAccount", m(1, "metadata", "ObjectMeta"), list(2, "secrets", "ObjectReference"),
          list(3, "imagePullSecrets", "LocalObjectReference"), opt(4, "automountServiceAccountToken", Kind.BOOL)),
      msg("ObjectReference", s(1, "kind"), s(2, "namespace"), s(3, "name"), s(4, "uid"), s(5, "apiVersion")),
      msg("LocalObjectReference", s(1, "name")),
      msg("Deployment", m(1, "metadata", "ObjectMeta"), m(2, "spec", "DeploymentSpec")),
      msg("DeploymentSpec", opt(1, "replicas", Kind.INT), m(2, "selector", "LabelSelector"), m(3, "template", "PodTemplateSpec"),
          m(4, "strategy", "DeploymentStrategy"), f(5, "minReadySeconds", Kind.INT), opt(6, "revisionHistoryLimit", Kind.INT),
          f(7, "paused", Kind.BOOL), opt(9, "progressDeadlineSeconds", Kind.INT)),
      msg("DeploymentStrategy", s(1, "type"), m(2, "rollingUpdate", "RollingUpdateDeployment")),
      msg("RollingUpdateDeployment", f(1, "maxUnavailable", Kind.INT_OR_STRING), f(2, "maxSurge", Kind.INT_OR_STRING)),
      msg("Job", m(1, "metadata", "ObjectMeta"), m(2, "spec", "JobSpec")),
      msg("JobSpec", opt(1, "parallelism", Kind.INT), opt(2, "completions", Kind.INT), opt(3, "activeDeadlineSeconds", Kind.INT),
          m(4, "selector", "LabelSelector"), opt(5, "manualSelector", Kind.BOOL), m(6, "template", "PodTemplateSpec"),
          opt(7, "backoffLimit", Kind.INT), opt(8, "ttlSecondsAfterFinished", Kind.INT), opt(9, "completionMode", Kind.STRING),
          opt(10, "suspend", Kind.BOOL)),
      msg("LabelSelector", f(1, "matchLabels", Kind.STRING_MAP), list(2, "matchExpressions", "LabelSelectorRequirement")),
      msg("LabelSelectorRequirement", s(1, "key"), s(2, "operator"), strings(3, "values")),
      msg("PodTemplateSpec", m(1, "metadata", "ObjectMeta"), m(2, "spec", "PodSpec")),
      msg("PodSpec", list(2, "containers", "Container"), s(3, "restartPolicy"), opt(4, "terminationGracePeriodSeconds", Kind.INT),
          opt(5, "activeDeadlineSeconds", Kind.INT), s(6, "dnsPolicy"), f(7, "nodeSelector", Kind.STRING_MAP),
          s(8, "serviceAccountName"), s(10, "nodeName"), f(11, "hostNetwork", Kind.BOOL),
          list(15, "imagePullSecrets", "LocalObjectReference"), s(16, "hostname"), s(17, "subdomain"), s(19, "schedulerName"),
          list(20, "initContainers", "Container"), opt(21, "automountServiceAccountToken", Kind.BOOL), s(24, "priorityClassName")),
      msg("Container", s(1, "name"), s(2, "image"), strings(3, "command"), strings(4, "args"), s(5, "workingDir"),
          list(6, "ports", "ContainerPort"), list(7, "env", "EnvVar"), m(8, "resources", "ResourceRequirements"),
          s(13, "terminationMessagePath"), s(14, "imagePullPolicy"), f(16, "stdin", Kind.BOOL), f(17, "stdinOnce", Kind.BOOL),
          f(18, "tty", Kind.BOOL), s(20, "terminationMessagePolicy"), opt(24, "restartPolicy", Kind.STRING)),
      msg("ContainerPort", s(1, "name"), f(2, "hostPort", Kind.INT), f(3, "containerPort", Kind.INT), s(4, "protocol"), s(5, "hostIP")),
      msg("EnvVar", s(1, "name"), s(2, "value")),
      msg("ResourceRequirements", f(1, "limits", Kind.QUANTITY_MAP), f(2, "requests", Kind.QUANTITY_MAP)),
      msg("Service", m(1, "metadata", "ObjectMeta"), m(2, "spec", "ServiceSpec")),
      msg("ServiceSpec", list(1, "ports", "ServicePort"), f(2, "selector", Kind.STRING_MAP), s(3, "clusterIP"), s(4, "type"),
          strings(5, "externalIPs"), s(7, "sessionAffinity"), s(8, "loadBalancerIP"), strings(9, "loadBalancerSourceRanges"),
          s(10, "externalName"), s(11, "externalTrafficPolicy"), f(12, "healthCheckNodePort", Kind.INT),
          f(13, "publishNotReadyAddresses", Kind.BOOL), m(14, "sessionAffinityConfig", "SessionAffinityConfig"),
          opt(17, "ipFamilyPolicy", Kind.STRING), strings(18, "clusterIPs"), strings(19, "ipFamilies"),
          opt(20, "allocateLoadBalancerNodePorts", Kind.BOOL), opt(21, "loadBalancerClass", Kind.STRING),
          opt(22, "internalTrafficPolicy", Kind.STRING), opt(23, "trafficDistribution", Kind.STRING)),
      msg("ServicePort", s(1, "name"), s(2, "protocol"), f(3, "port", Kind.INT), f(4, "targetPort", Kind.INT_OR_STRING),
          f(5, "nodePort", Kind.INT), opt(6, "appProtocol", Kind.STRING)),
      msg("SessionAffinityConfig", m(1, "clientIP", "ClientIPConfig")),
      msg("ClientIPConfig", opt(1, "timeoutSeconds", Kind.INT)),
      msg("Quantity", s(1, "string")));

  /** The kinds whose top-level message is described, by the name the envelope gives them. */
  static final java.util.Set<String> KINDS = java.util.Set.of("ConfigMap", "Secret", "Namespace", "ServiceAccount", "Deployment", "Job",
      "Service");

  private ProtoSchema() {}

  private static Map.Entry<String, Map<Integer, Field>> msg(String name, Field... fields) {
    return Map.entry(name, Arrays.stream(fields).collect(Collectors.toUnmodifiableMap(Field::number, Function.identity())));
  }

  private static Field s(int n, String name) {
    return new Field(n, name, Kind.STRING, null, false, false);
  }

  private static Field f(int n, String name, Kind kind) {
    return new Field(n, name, kind, null, false, false);
  }

  private static Field opt(int n, String name, Kind kind) {
    return new Field(n, name, kind, null, false, true);
  }

  private static Field m(int n, String name, String type) {
    return new Field(n, name, Kind.MESSAGE, type, false, true);
  }

  private static Field list(int n, String name, String type) {
    return new Field(n, name, Kind.MESSAGE, type, true, false);
  }

  private static Field strings(int n, String name) {
    return new Field(n, name, Kind.STRING, null, true, false);
  }
}
