package io.kubemu.emulator.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubemu.emulator.controllers.Owners;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The endpointslice reconciler's plan for one Service (reconciler.go, reconcileByPortMapping), which
 * changes as few slices as it can: endpoints stay in the slice that has them and are updated there;
 * slices left empty are deleted; new endpoints first fill the slices being updated anyway (the fullest
 * first), then, when fewer than a slice's worth remain, the unchanged slice they fill best, then new
 * slices of at most {@code maxPerSlice}. Slices whose ports no pod has any more, or that another Service
 * owns, are deleted; a Service with no endpoints keeps one placeholder slice without ports. Pure.
 */
final class SlicePlan {
  final List<EndpointSlice> creates = new ArrayList<>();
  final List<EndpointSlice> updates = new ArrayList<>();
  final List<EndpointSlice> deletes = new ArrayList<>();
  private final Service svc;
  private final Map<String, String> labels;
  private final int maxPerSlice;

  private SlicePlan(Service svc, Map<String, String> labels, int maxPerSlice) {
    this.svc = svc;
    this.labels = labels;
    this.maxPerSlice = maxPerSlice;
  }

  static SlicePlan of(Service svc, Map<String, String> labels, List<EndpointSlice> existing, Map<String, PodEndpoints.Group> desired,
      int maxPerSlice) {
    SlicePlan plan = new SlicePlan(svc, labels, maxPerSlice);
    Map<String, List<EndpointSlice>> byPorts = new LinkedHashMap<>();
    for (EndpointSlice s : existing.stream().sorted(Comparator.comparing(s -> s.getMetadata().getName())).toList()) {
      if (Owners.controlledBy(s, svc)) {
        byPorts.computeIfAbsent(PodEndpoints.portsKey(orEmpty(s.getPorts())), k -> new ArrayList<>()).add(s);
      } else {
        plan.deletes.add(s);
      }
    }
    desired.forEach((ports, group) -> plan.byPortMapping(byPorts.getOrDefault(ports, List.of()), group));
    byPorts.forEach((ports, slices) -> {
      if (!desired.containsKey(ports)) {
        plan.deletes.addAll(slices);
      }
    });
    if (existing.size() == plan.deletes.size() && plan.creates.isEmpty()) {
      EndpointSlice placeholder = plan.newSlice(List.of());
      if (plan.deletes.size() == 1 && isPlaceholderLike(plan.deletes.get(0), placeholder)) {
        plan.deletes.clear();
      } else {
        plan.creates.add(placeholder);
      }
    }
    return plan;
  }

  private void byPortMapping(List<EndpointSlice> existing, PodEndpoints.Group group) {
    Map<String, Endpoint> wanted = new LinkedHashMap<>();
    group.endpoints().forEach(e -> wanted.put(PodEndpoints.identity(e), e));
    Map<String, EndpointSlice> byName = new LinkedHashMap<>();
    Set<String> unchanged = new LinkedHashSet<>();
    Set<String> toUpdate = new LinkedHashSet<>();
    for (EndpointSlice s : existing) {
      List<Endpoint> kept = new ArrayList<>();
      boolean changed = false;
      for (Endpoint e : orEmpty(s.getEndpoints())) {
        Endpoint want = wanted.remove(PodEndpoints.identity(e));
        if (want != null) {
          kept.add(want);
          changed |= !want.equals(e);
        }
      }
      boolean relabel = !labels.equals(s.getMetadata().getLabels());
      if (changed || kept.size() != orEmpty(s.getEndpoints()).size()) {
        if (kept.isEmpty()) {
          deletes.add(s);
          continue;
        }
        EndpointSlice copy = Owners.copy(s);
        copy.setEndpoints(kept);
        copy.getMetadata().setLabels(new LinkedHashMap<>(labels));
        byName.put(s.getMetadata().getName(), copy);
        toUpdate.add(s.getMetadata().getName());
      } else if (relabel) {
        EndpointSlice copy = Owners.copy(s);
        copy.getMetadata().setLabels(new LinkedHashMap<>(labels));
        byName.put(s.getMetadata().getName(), copy);
        toUpdate.add(s.getMetadata().getName());
      } else {
        byName.put(s.getMetadata().getName(), s);
        unchanged.add(s.getMetadata().getName());
      }
    }
    List<Endpoint> remaining = new ArrayList<>(wanted.values());
    toUpdate.stream().map(byName::get).sorted(Comparator.comparingInt((EndpointSlice s) -> orEmpty(s.getEndpoints()).size()).reversed())
        .forEach(s -> fill(s, remaining));
    while (!remaining.isEmpty()) {
      EndpointSlice target = remaining.size() < maxPerSlice ? bestFit(unchanged.stream().map(byName::get).toList(), remaining.size()) : null;
      if (target == null) {
        target = newSlice(group.ports());
        creates.add(target);
      } else {
        target = Owners.copy(target);
        unchanged.remove(target.getMetadata().getName());
        toUpdate.add(target.getMetadata().getName());
        byName.put(target.getMetadata().getName(), target);
      }
      fill(target, remaining);
    }
    toUpdate.forEach(n -> updates.add(byName.get(n)));
  }

  private void fill(EndpointSlice s, List<Endpoint> remaining) {
    List<Endpoint> endpoints = new ArrayList<>(orEmpty(s.getEndpoints()));
    while (!remaining.isEmpty() && endpoints.size() < maxPerSlice) {
      endpoints.add(remaining.remove(0));
    }
    s.setEndpoints(endpoints);
  }

  /** getSliceToFill: the slice that {@code count} more endpoints fill most closely without overflowing it. */
  private EndpointSlice bestFit(List<EndpointSlice> slices, int count) {
    EndpointSlice best = null;
    int closest = maxPerSlice;
    for (EndpointSlice s : slices) {
      int left = maxPerSlice - (count + orEmpty(s.getEndpoints()).size());
      if (left >= 0 && left < closest) {
        closest = left;
        best = s;
      }
    }
    return best;
  }

  /** newEndpointSlice: named by generateName {@code <service>-}, owned by the Service, IPv4. */
  private EndpointSlice newSlice(List<EndpointPort> ports) {
    EndpointSlice s = new EndpointSlice();
    s.setApiVersion("discovery.k8s.io/v1");
    s.setKind("EndpointSlice");
    ObjectMeta meta = new ObjectMeta();
    meta.setGenerateName(svc.getMetadata().getName() + "-");
    meta.setNamespace(svc.getMetadata().getNamespace());
    meta.setLabels(new LinkedHashMap<>(labels));
    meta.setOwnerReferences(new ArrayList<>(List.of(Owners.controllerRef(svc))));
    s.setMetadata(meta);
    s.setAddressType("IPv4");
    s.setPorts(new ArrayList<>(ports));
    s.setEndpoints(new ArrayList<>());
    return s;
  }

  /** placeholderSliceCompare: same namespace, labels, address type, ports and endpoints (none). */
  private static boolean isPlaceholderLike(EndpointSlice s, EndpointSlice placeholder) {
    return s.getMetadata().getNamespace().equals(placeholder.getMetadata().getNamespace())
        && placeholder.getMetadata().getLabels().equals(s.getMetadata().getLabels())
        && placeholder.getAddressType().equals(s.getAddressType())
        && orEmpty(s.getPorts()).isEmpty() && orEmpty(s.getEndpoints()).isEmpty();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
