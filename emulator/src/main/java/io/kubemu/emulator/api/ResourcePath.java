package io.kubemu.emulator.api;

import io.kubemu.emulator.api.ApiResources.Resource;
import java.util.List;
import java.util.Optional;

/**
 * A request path under a group version, as the API server routes it: a collection
 * ({@code pods}, {@code namespaces/default/pods}), an object ({@code nodes/w1},
 * {@code namespaces/default/pods/web}) or an object's subresource ({@code .../deployments/web/scale}).
 * {@code namespace} is null for a cluster-scoped resource, or for a namespaced collection across all
 * namespaces; {@code name} is null for a collection; {@code subresource} is "" for the object itself.
 */
record ResourcePath(Resource resource, String namespace, String name, String subresource) {
  /** The path after {@code /api/v1} or {@code /apis/{group}/{version}}; empty when nothing is served there. */
  static Optional<ResourcePath> parse(String groupVersion, List<String> rest) {
    String namespace = null;
    List<String> at = rest;
    if (at.size() >= 3 && at.get(0).equals("namespaces")) {
      Optional<Resource> inside = ApiResources.find(groupVersion, at.get(2));
      if (inside.isPresent() && inside.get().namespaced()) {
        namespace = at.get(1);
        at = at.subList(2, at.size());
      }
    }
    if (at.isEmpty() || at.size() > 3) {
      return Optional.empty();
    }
    Optional<Resource> found = ApiResources.find(groupVersion, at.get(0));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Resource res = found.get();
    String name = at.size() >= 2 ? at.get(1) : null;
    String sub = at.size() == 3 ? at.get(2) : "";
    if (res.namespaced() && namespace == null && name != null) {
      return Optional.empty();
    }
    if (!sub.isEmpty() && !res.subresources().contains(sub)) {
      return Optional.empty();
    }
    return Optional.of(new ResourcePath(res, namespace, name, sub));
  }

  boolean isCollection() {
    return name == null;
  }
}
