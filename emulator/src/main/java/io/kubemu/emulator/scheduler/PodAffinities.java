package io.kubemu.emulator.scheduler;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Inter-pod affinity and anti-affinity over topology domains (nodes sharing a topologyKey label value). */
final class PodAffinities {
  private PodAffinities() {}

  static List<PodAffinityTerm> required(Affinity a, boolean anti) {
    if (a == null) {
      return List.of();
    }
    var terms = anti
        ? (a.getPodAntiAffinity() == null ? null : a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution())
        : (a.getPodAffinity() == null ? null : a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
    return terms == null ? List.of() : terms;
  }

  static String domain(Node n, String topologyKey) {
    return n.getMetadata().getLabels() == null ? null : n.getMetadata().getLabels().get(topologyKey);
  }

  /** Whether some pod matching {@code term} (of {@code owner}) runs in {@code node}'s domain. */
  static boolean inDomain(PodAffinityTerm term, Pod owner, Node node, List<Node> nodes, Map<String, List<Pod>> byNode) {
    String here = domain(node, term.getTopologyKey());
    if (here == null) {
      return false;
    }
    for (Node other : nodes) {
      if (here.equals(domain(other, term.getTopologyKey()))) {
        for (Pod p : byNode.getOrDefault(other.getMetadata().getName(), List.of())) {
          if (Filters.termMatches(term, owner, p)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  static String reject(Pod pod, Node node, List<Node> nodes, Map<String, List<Pod>> byNode) {
    for (PodAffinityTerm t : required(pod.getSpec().getAffinity(), true)) {
      if (inDomain(t, pod, node, nodes, byNode)) {
        return "node(s) didn't match pod anti-affinity rules";
      }
    }
    for (Map.Entry<String, List<Pod>> e : byNode.entrySet()) {
      Node where = nodes.stream().filter(n -> n.getMetadata().getName().equals(e.getKey())).findFirst().orElse(null);
      for (Pod existing : e.getValue()) {
        for (PodAffinityTerm t : required(existing.getSpec().getAffinity(), true)) {
          String d = where == null ? null : domain(where, t.getTopologyKey());
          if (d != null && Objects.equals(d, domain(node, t.getTopologyKey())) && Filters.termMatches(t, existing, pod)) {
            return "node(s) didn't satisfy existing pods anti-affinity rules";
          }
        }
      }
    }
    for (PodAffinityTerm t : required(pod.getSpec().getAffinity(), false)) {
      boolean anywhere = byNode.values().stream().flatMap(List::stream).anyMatch(p -> Filters.termMatches(t, pod, p));
      boolean self = Filters.termMatches(t, pod, pod);
      if (!inDomain(t, pod, node, nodes, byNode) && (anywhere || !self || domain(node, t.getTopologyKey()) == null)) {
        return "node(s) didn't match pod affinity rules";
      }
    }
    return null;
  }
}
