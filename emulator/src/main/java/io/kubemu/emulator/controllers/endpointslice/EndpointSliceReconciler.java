package io.kubemu.emulator.controllers.endpointslice;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.Reconciler;
import io.kubemu.emulator.controllers.Selectors;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EndpointSlice controller (pkg/controller/endpointslice): for each Service with a selector, the
 * pods it selects as IPv4 EndpointSlices named {@code <service>-<suffix>}, labelled with the Service's
 * labels plus kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by, owned by the
 * Service (the garbage collector deletes them with it), at most {@code maxEndpointsPerSlice} endpoints
 * each, changed in place ({@link SlicePlan}). Services without a selector, and ExternalName ones, are
 * left to whoever manages their slices. Keys are the Services' "namespace/name".
 */
public final class EndpointSliceReconciler implements Reconciler {
  public static final String SERVICE_NAME = "kubernetes.io/service-name";
  public static final String MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
  public static final String CONTROLLER = "endpointslice-controller.k8s.io";
  static final String HEADLESS = "service.kubernetes.io/headless";
  /** kube-controller-manager's --max-endpoints-per-slice default. */
  public static final int DEFAULT_MAX_ENDPOINTS = 100;

  private final int maxEndpointsPerSlice;

  public EndpointSliceReconciler(int maxEndpointsPerSlice) {
    this.maxEndpointsPerSlice = maxEndpointsPerSlice;
  }

  @Override
  public String name() {
    return "endpointslice";
  }

  @Override
  public List<String> kinds() {
    return List.of("Service", "Pod", "EndpointSlice");
  }

  /**
   * A Service is its own key; a slice concerns the Service it is labelled for; a pod concerns the Services
   * that select it now and those whose slices list it (it may have stopped matching).
   */
  @Override
  public Collection<String> keysFor(HasMetadata changed, ObjectCache cache) {
    String ns = changed.getMetadata().getNamespace();
    if (changed instanceof Service) {
      return List.of(ObjectCache.key(changed));
    }
    if (changed instanceof EndpointSlice s) {
      return managed(s) ? List.of(ObjectCache.key(ns, s.getMetadata().getLabels().get(SERVICE_NAME))) : List.of();
    }
    Set<String> keys = new LinkedHashSet<>();
    for (Service svc : cache.list(Service.class, "Service", ns)) {
      if (selects(svc, changed.getMetadata().getLabels())) {
        keys.add(ObjectCache.key(svc));
      }
    }
    for (EndpointSlice s : cache.list(EndpointSlice.class, "EndpointSlice", ns)) {
      if (managed(s) && s.getEndpoints() != null && s.getEndpoints().stream().anyMatch(e -> targets(e, changed))) {
        keys.add(ObjectCache.key(ns, s.getMetadata().getLabels().get(SERVICE_NAME)));
      }
    }
    return keys;
  }

  @Override
  public Collection<String> allKeys(ObjectCache cache) {
    return cache.list(Service.class, "Service", null).stream().map(ObjectCache::key).toList();
  }

  @Override
  public List<Action> reconcile(String key, ObjectCache cache, Instant now) {
    String ns = ObjectCache.namespaceOf(key);
    Service svc = cache.get(Service.class, "Service", ns, ObjectCache.nameOf(key)).orElse(null);
    if (svc == null || svc.getMetadata().getDeletionTimestamp() != null || svc.getSpec() == null
        || "ExternalName".equals(svc.getSpec().getType()) || svc.getSpec().getSelector() == null || svc.getSpec().getSelector().isEmpty()) {
      return List.of();
    }
    List<Pod> pods = cache.list(Pod.class, "Pod", ns).stream().filter(p -> selects(svc, p.getMetadata().getLabels())).toList();
    List<EndpointSlice> existing = cache.list(EndpointSlice.class, "EndpointSlice", ns).stream()
        .filter(s -> managed(s) && svc.getMetadata().getName().equals(s.getMetadata().getLabels().get(SERVICE_NAME))
            && s.getMetadata().getDeletionTimestamp() == null)
        .toList();
    SlicePlan plan = SlicePlan.of(svc, labels(svc), existing, PodEndpoints.byPorts(svc, pods), maxEndpointsPerSlice);
    List<Action> actions = new ArrayList<>();
    plan.creates.forEach(s -> actions.add(new Action.Create(s)));
    plan.updates.forEach(s -> actions.add(new Action.Update(s)));
    plan.deletes.forEach(s -> actions.add(Action.Delete.of(s)));
    return actions;
  }

  /** setEndpointSliceLabels: the Service's labels but the reserved ones, headless when it is, then the reserved two. */
  static Map<String, String> labels(Service svc) {
    Map<String, String> out = new LinkedHashMap<>();
    if (svc.getMetadata().getLabels() != null) {
      svc.getMetadata().getLabels().forEach((k, v) -> {
        if (!k.equals(SERVICE_NAME) && !k.equals(MANAGED_BY) && !k.equals(HEADLESS)) {
          out.put(k, v);
        }
      });
    }
    if ("None".equals(svc.getSpec().getClusterIP())) {
      out.put(HEADLESS, "");
    }
    out.put(SERVICE_NAME, svc.getMetadata().getName());
    out.put(MANAGED_BY, CONTROLLER);
    return out;
  }

  private static boolean selects(Service svc, Map<String, String> labels) {
    Map<String, String> selector = svc.getSpec() == null ? null : svc.getSpec().getSelector();
    if (selector == null || selector.isEmpty()) {
      return false;
    }
    LabelSelector s = new LabelSelector();
    s.setMatchLabels(selector);
    return Selectors.matches(s, labels);
  }

  private static boolean managed(EndpointSlice s) {
    Map<String, String> labels = s.getMetadata().getLabels();
    return labels != null && CONTROLLER.equals(labels.get(MANAGED_BY)) && labels.get(SERVICE_NAME) != null;
  }

  private static boolean targets(Endpoint e, HasMetadata pod) {
    return e.getTargetRef() != null && "Pod".equals(e.getTargetRef().getKind()) && pod.getMetadata().getName().equals(e.getTargetRef().getName());
  }
}
