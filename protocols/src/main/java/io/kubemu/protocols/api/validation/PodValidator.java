package io.kubemu.protocols.api.validation;

import static io.kubemu.protocols.api.validation.ObjectMetaValidator.orEmpty;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HostAlias;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code spec} of a Pod as the API server validates it on create ({@code validatePodSpec}), for the fields
 * kubemu acts on. Values the API server would default first (restartPolicy, dnsPolicy, protocol,
 * imagePullPolicy) are accepted when empty.
 */
public final class PodValidator {
  static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  static final int MAX_DNS_NAMESERVERS = 3;

  private PodValidator() {}

  public static List<FieldError> validate(Pod pod) {
    return spec(pod.getSpec(), FieldPath.of("spec"));
  }

  public static List<FieldError> spec(PodSpec spec, FieldPath path) {
    PodSpec s = spec == null ? new PodSpec() : spec;
    List<FieldError> errs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    if (s.getContainers() == null || s.getContainers().isEmpty()) {
      errs.add(FieldError.required(path.child("containers"), ""));
    } else {
      containers(s.getContainers(), path.child("containers"), names, errs);
    }
    if (s.getInitContainers() != null) {
      containers(s.getInitContainers(), path.child("initContainers"), names, errs);
    }
    oneOf(s.getRestartPolicy(), RESTART_POLICIES, path.child("restartPolicy"), errs);
    oneOf(s.getDnsPolicy(), DNS_POLICIES, path.child("dnsPolicy"), errs);
    dnsConfig(s.getDnsConfig(), "None".equals(s.getDnsPolicy()), path.child("dnsConfig"), errs);
    String nodeName = orEmpty(s.getNodeName());
    if (!nodeName.isEmpty()) {
      invalidEach(Formats::dns1123Subdomain, nodeName, path.child("nodeName"), errs);
    }
    hostAliases(s.getHostAliases(), path.child("hostAliases"), errs);
    return errs;
  }

  /** Containers and init containers share one namespace of names: {@code names} carries it across both lists. */
  private static void containers(List<Container> list, FieldPath path, Set<String> names, List<FieldError> errs) {
    for (int i = 0; i < list.size(); i++) {
      Container c = list.get(i);
      FieldPath at = path.index(i);
      String name = orEmpty(c.getName());
      if (name.isEmpty()) {
        errs.add(FieldError.required(at.child("name"), ""));
      } else {
        invalidEach(Formats::dns1123Label, name, at.child("name"), errs);
        if (!names.add(name)) {
          errs.add(FieldError.duplicate(at.child("name"), name));
        }
      }
      String image = orEmpty(c.getImage());
      if (image.isEmpty()) {
        errs.add(FieldError.required(at.child("image"), ""));
      } else if (!image.strip().equals(image)) {
        errs.add(FieldError.invalid(at.child("image"), image, "must not have leading or trailing whitespace"));
      }
      oneOf(c.getImagePullPolicy(), PULL_POLICIES, at.child("imagePullPolicy"), errs);
      ports(c.getPorts(), at.child("ports"), errs);
      env(c.getEnv(), at.child("env"), errs);
    }
  }

  private static void ports(List<ContainerPort> ports, FieldPath path, List<FieldError> errs) {
    if (ports == null) {
      return;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      ContainerPort p = ports.get(i);
      FieldPath at = path.index(i);
      String name = orEmpty(p.getName());
      if (!name.isEmpty()) {
        List<String> msgs = Formats.portName(name);
        msgs.forEach(msg -> errs.add(FieldError.invalid(at.child("name"), name, msg)));
        if (msgs.isEmpty() && !names.add(name)) {
          errs.add(FieldError.duplicate(at.child("name"), name));
        }
      }
      int containerPort = p.getContainerPort() == null ? 0 : p.getContainerPort();
      if (containerPort == 0) {
        errs.add(FieldError.required(at.child("containerPort"), ""));
      } else {
        Formats.portNumber(containerPort).forEach(m -> errs.add(FieldError.invalid(at.child("containerPort"), containerPort, m)));
      }
      int hostPort = p.getHostPort() == null ? 0 : p.getHostPort();
      if (hostPort != 0) {
        Formats.portNumber(hostPort).forEach(m -> errs.add(FieldError.invalid(at.child("hostPort"), hostPort, m)));
      }
      oneOf(p.getProtocol(), PROTOCOLS, at.child("protocol"), errs);
    }
  }

  private static void env(List<EnvVar> env, FieldPath path, List<FieldError> errs) {
    if (env == null) {
      return;
    }
    for (int i = 0; i < env.size(); i++) {
      if (orEmpty(env.get(i).getName()).isEmpty()) {
        errs.add(FieldError.required(path.index(i).child("name"), ""));
      }
    }
  }

  private static void dnsConfig(PodDNSConfig config, boolean dnsNone, FieldPath path, List<FieldError> errs) {
    List<String> nameservers = config == null || config.getNameservers() == null ? List.of() : config.getNameservers();
    if (dnsNone && config == null) {
      errs.add(FieldError.required(path, "must provide `dnsConfig` when `dnsPolicy` is None"));
      return;
    }
    if (dnsNone && nameservers.isEmpty()) {
      errs.add(FieldError.required(path.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None"));
      return;
    }
    if (config == null) {
      return;
    }
    if (nameservers.size() > MAX_DNS_NAMESERVERS) {
      String value = nameservers.stream().map(FieldError::quote).collect(Collectors.joining(", ", "[]string{", "}"));
      errs.add(new FieldError(path.child("nameservers").text(), FieldError.Type.INVALID, value,
          "must not have more than " + MAX_DNS_NAMESERVERS + " nameservers"));
    }
    for (int i = 0; i < nameservers.size(); i++) {
      invalidEach(Formats::ip, orEmpty(nameservers.get(i)), path.child("nameservers").index(i), errs);
    }
    List<String> searches = config.getSearches() == null ? List.of() : config.getSearches();
    for (int i = 0; i < searches.size(); i++) {
      String search = orEmpty(searches.get(i));
      String bare = search.endsWith(".") ? search.substring(0, search.length() - 1) : search;
      invalidEach(Formats::dns1123Subdomain, bare, path.child("searches").index(i), errs);
    }
  }

  private static void hostAliases(List<HostAlias> aliases, FieldPath path, List<FieldError> errs) {
    if (aliases == null) {
      return;
    }
    for (int i = 0; i < aliases.size(); i++) {
      HostAlias alias = aliases.get(i);
      FieldPath at = path.index(i);
      invalidEach(Formats::ip, orEmpty(alias.getIp()), at.child("ip"), errs);
      List<String> hostnames = alias.getHostnames() == null ? List.of() : alias.getHostnames();
      for (int j = 0; j < hostnames.size(); j++) {
        invalidEach(Formats::dns1123Subdomain, orEmpty(hostnames.get(j)), at.child("hostnames").index(j), errs);
      }
    }
  }

  /** An enumerated field: empty means "let the API server default it"; anything else must be listed. */
  private static void oneOf(String value, List<String> supported, FieldPath path, List<FieldError> errs) {
    if (value != null && !value.isEmpty() && !supported.contains(value)) {
      errs.add(FieldError.notSupported(path, value, supported));
    }
  }

  private static void invalidEach(Function<String, List<String>> format, String value, FieldPath path, List<FieldError> errs) {
    for (String msg : format.apply(value)) {
      errs.add(FieldError.invalid(path, value, msg));
    }
  }
}
