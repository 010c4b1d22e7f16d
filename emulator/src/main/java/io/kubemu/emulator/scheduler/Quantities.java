package io.kubemu.emulator.scheduler;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Resource amounts as the scheduler adds them: CPU in millicores, memory in bytes. */
final class Quantities {
  private Quantities() {}

  static long amount(Quantity q, String resource) {
    if (q == null) {
      return 0;
    }
    BigDecimal v = Quantity.getAmountInBytes(q);
    return resource.equals("cpu") ? v.multiply(BigDecimal.valueOf(1000)).longValue() : v.longValue();
  }

  /** A pod's request of a resource: the sum over its containers, or the largest init container if that is more. */
  static long request(Pod pod, String resource) {
    if (pod.getSpec() == null) {
      return 0;
    }
    long sum = sum(pod.getSpec().getContainers(), resource);
    long init = pod.getSpec().getInitContainers() == null ? 0 : pod.getSpec().getInitContainers().stream()
        .mapToLong(c -> requestOf(c, resource)).max().orElse(0);
    return Math.max(sum, init);
  }

  private static long sum(List<Container> containers, String resource) {
    return containers == null ? 0 : containers.stream().mapToLong(c -> requestOf(c, resource)).sum();
  }

  private static long requestOf(Container c, String resource) {
    if (c.getResources() == null) {
      return 0;
    }
    Map<String, Quantity> requests = c.getResources().getRequests();
    Map<String, Quantity> limits = c.getResources().getLimits();
    if (requests != null && requests.containsKey(resource)) {
      return amount(requests.get(resource), resource);
    }
    return limits != null && limits.containsKey(resource) ? amount(limits.get(resource), resource) : 0;
  }
}
