package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubemu.protocols.addr.Ipv4Address;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The cluster IPs and node ports that Services hold, by Service ("namespace/name"), derived from the
 * stored Services: the {@link ObjectStore} reports every change of a Service here and rebuilds this from
 * its objects when it starts from a replica, so a store that takes over on another host knows what is
 * taken without a counter of its own. A write reserves what {@link ServiceAllocation} picked before the
 * Service is stored; {@link #settle} gives back what writes reserved and then did not store.
 */
final class ServiceAllocations {
  private final ServiceNetwork network;
  private final RangeAllocator clusterIps;
  private final RangeAllocator nodePorts;
  private final Map<String, Held> held = new HashMap<>();
  private final Set<String> reserved = new HashSet<>();

  /** What one Service holds: offsets of cluster IPs, and node ports (health check port included). */
  private record Held(List<Integer> clusterIps, List<Integer> nodePorts) {}

  ServiceAllocations(ServiceNetwork network) {
    this.network = network;
    this.clusterIps = new RangeAllocator(network.clusterIpCount(), network.clusterIpStaticBand());
    this.nodePorts = new RangeAllocator(ServiceNetwork.NODE_PORT_MAX - ServiceNetwork.NODE_PORT_MIN + 1,
        ServiceNetwork.nodePortStaticBand());
  }

  ServiceNetwork network() {
    return network;
  }

  RangeAllocator clusterIps() {
    return clusterIps;
  }

  RangeAllocator nodePorts() {
    return nodePorts;
  }

  static String key(Service s) {
    return s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
  }

  /** The store wrote {@code svc} under {@code key}, or removed it (null): the key holds what it holds now. */
  void stored(String key, Service svc) {
    hold(key, svc);
    reserved.remove(key);
  }

  /** Forgets everything and holds what {@code services} hold, the first of two that claim a value keeping it. */
  void rebuild(Collection<Service> services) {
    new ArrayList<>(held.keySet()).forEach(k -> hold(k, null));
    reserved.clear();
    services.forEach(s -> hold(key(s), s));
  }

  /** Holds what {@code svc} holds for a write that has not stored it yet. */
  void reserve(String key, Service svc) {
    hold(key, svc);
    reserved.add(key);
  }

  /** Each key reserved and not stored since holds again what its stored Service ({@code stored}, null when none) holds. */
  void settle(Function<String, Service> stored) {
    reserved.forEach(k -> hold(k, stored.apply(k)));
    reserved.clear();
  }

  /** Who holds a cluster IP, or null. */
  String clusterIpOwner(Ipv4Address ip) {
    int offset = network.clusterIpOffset(ip);
    return offset < 0 ? null : clusterIps.owner(offset);
  }

  /** Who holds a node port, or null. */
  String nodePortOwner(int port) {
    return inNodePortRange(port) ? nodePorts.owner(port - ServiceNetwork.NODE_PORT_MIN) : null;
  }

  static boolean inNodePortRange(int port) {
    return port >= ServiceNetwork.NODE_PORT_MIN && port <= ServiceNetwork.NODE_PORT_MAX;
  }

  private void hold(String key, Service svc) {
    Held before = held.remove(key);
    if (before != null) {
      before.clusterIps().forEach(o -> clusterIps.release(o, key));
      before.nodePorts().forEach(p -> nodePorts.release(p, key));
    }
    if (svc == null || svc.getSpec() == null) {
      return;
    }
    List<Integer> ips = new ArrayList<>();
    for (String ip : svc.getSpec().getClusterIPs()) {
      Ipv4Address address = ipv4(ip);
      int offset = address == null ? -1 : network.clusterIpOffset(address);
      if (offset >= 0 && clusterIps.take(offset, key)) {
        ips.add(offset);
      }
    }
    List<Integer> ports = new ArrayList<>();
    List<Integer> numbers = new ArrayList<>(svc.getSpec().getPorts().stream().map(ServicePort::getNodePort).toList());
    numbers.add(svc.getSpec().getHealthCheckNodePort());
    for (Integer port : numbers) {
      if (port != null && inNodePortRange(port) && nodePorts.take(port - ServiceNetwork.NODE_PORT_MIN, key)) {
        ports.add(port - ServiceNetwork.NODE_PORT_MIN);
      }
    }
    if (!ips.isEmpty() || !ports.isEmpty()) {
      held.put(key, new Held(ips, ports));
    }
  }

  /** An IPv4 address, or null for anything else ("None", IPv6, text a stored object should not have). */
  static Ipv4Address ipv4(String text) {
    try {
      return text == null ? null : Ipv4Address.parse(text);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
