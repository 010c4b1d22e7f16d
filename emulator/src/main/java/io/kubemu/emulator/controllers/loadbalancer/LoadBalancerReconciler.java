package io.kubemu.emulator.controllers.loadbalancer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.Events;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.Owners;
import io.kubemu.emulator.controllers.Reconciler;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.protocols.addr.Ipv4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's LoadBalancer implementation, as MetalLB's controller assigns addresses: a Service of
 * type LoadBalancer without a loadBalancerClass gets one address of the {@link AddressPool} in
 * status.loadBalancer.ingress (ipMode VIP): the one spec.loadBalancerIP asks for when the pool has it
 * free, else the lowest free one; an address it has is kept. One the pool cannot serve stays pending
 * (EXTERNAL-IP {@code <pending>}) until an address frees. Which addresses are taken is read from the
 * Services each time, so nothing is lost when the controller moves with the store; every Service is
 * one key, so no address is given twice while a write is in flight. Records IPAllocated.
 */
public final class LoadBalancerReconciler implements Reconciler {
  static final String KEY = "pool";
  static final String COMPONENT = "metallb-controller";

  private final AddressPool pool;

  public LoadBalancerReconciler(AddressPool pool) {
    this.pool = pool;
  }

  @Override
  public String name() {
    return "loadbalancer";
  }

  @Override
  public List<String> kinds() {
    return List.of("Service");
  }

  @Override
  public Collection<String> keysFor(HasMetadata changed, ObjectCache cache) {
    return List.of(KEY);
  }

  @Override
  public Collection<String> allKeys(ObjectCache cache) {
    return List.of(KEY);
  }

  @Override
  public List<Action> reconcile(String key, ObjectCache cache, Instant now) {
    List<Service> all = cache.list(Service.class, "Service", null);
    List<Service> ours = all.stream().filter(LoadBalancerReconciler::served)
        .sorted(Comparator.comparing((Service s) -> s.getMetadata().getCreationTimestamp(), Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(s -> ObjectCache.key(s)))
        .toList();
    Map<Ipv4Address, String> used = new HashMap<>();
    all.stream().filter(s -> !served(s)).forEach(s -> ingress(s).forEach(ip -> used.putIfAbsent(ip, ObjectCache.key(s))));
    Map<String, Ipv4Address> kept = new HashMap<>();
    for (Service s : ours) {
      Ipv4Address wanted = requested(s);
      ingress(s).stream().filter(ip -> wanted == null || wanted.equals(ip)).findFirst()
          .filter(ip -> used.putIfAbsent(ip, ObjectCache.key(s)) == null)
          .ifPresent(ip -> kept.put(ObjectCache.key(s), ip));
    }
    List<Action> actions = new ArrayList<>();
    for (Service s : ours) {
      Ipv4Address ip = kept.get(ObjectCache.key(s));
      if (ip == null) {
        ip = assign(s, used);
      }
      List<LoadBalancerIngress> desired = ip == null ? List.of()
          : List.of(new LoadBalancerIngressBuilder().withIp(ip.toString()).withIpMode("VIP").build());
      if (!Json.MAPPER.valueToTree(desired).equals(Json.MAPPER.valueToTree(ingressOf(s)))) {
        actions.add(new Action.UpdateStatus(withIngress(s, desired), Events.onSuccess(ip == null ? null
            : Events.normal(COMPONENT, s, "IPAllocated", "Assigned IP [\"" + ip + "\"]", now))));
      }
    }
    return actions;
  }

  /** The address asked for when the pool has it free, else the lowest free one; null when there is none. */
  private Ipv4Address assign(Service s, Map<Ipv4Address, String> used) {
    Ipv4Address wanted = requested(s);
    Ipv4Address ip = wanted != null ? (pool.contains(wanted) && !used.containsKey(wanted) ? wanted : null)
        : pool.first(used::containsKey).orElse(null);
    if (ip != null) {
      used.put(ip, ObjectCache.key(s));
    }
    return ip;
  }

  private static boolean served(Service s) {
    return s.getSpec() != null && "LoadBalancer".equals(s.getSpec().getType()) && s.getSpec().getLoadBalancerClass() == null
        && s.getMetadata().getDeletionTimestamp() == null;
  }

  private static Ipv4Address requested(Service s) {
    return parse(s.getSpec().getLoadBalancerIP());
  }

  /** The pool addresses a Service shows in its status. */
  private List<Ipv4Address> ingress(Service s) {
    return allIngress(s).stream().filter(pool::contains).toList();
  }

  private static List<LoadBalancerIngress> ingressOf(Service s) {
    return s.getStatus() == null || s.getStatus().getLoadBalancer() == null || s.getStatus().getLoadBalancer().getIngress() == null
        ? List.of() : s.getStatus().getLoadBalancer().getIngress();
  }

  private static List<Ipv4Address> allIngress(Service s) {
    return ingressOf(s).stream().map(i -> parse(i.getIp())).filter(java.util.Objects::nonNull).toList();
  }

  private static Service withIngress(Service s, List<LoadBalancerIngress> ingress) {
    Service copy = Owners.copy(s);
    ServiceStatus status = copy.getStatus() == null ? new ServiceStatus() : copy.getStatus();
    LoadBalancerStatus lb = new LoadBalancerStatus();
    lb.setIngress(new ArrayList<>(ingress));
    status.setLoadBalancer(lb);
    copy.setStatus(status);
    return copy;
  }

  private static Ipv4Address parse(String text) {
    try {
      return text == null || text.isEmpty() ? null : Ipv4Address.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
