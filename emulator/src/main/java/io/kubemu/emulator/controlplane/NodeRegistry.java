package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.agent.NodeLease;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The node lifecycle controller's view: every registered node, its agent, its last Lease renewal,
 * and whether it is Ready. A node whose renewals stop for the grace period turns NotReady (Ready
 * condition Unknown, reason NodeStatusUnknown, and the unreachable taint), as in Kubernetes.
 */
public final class NodeRegistry {
  /** A registered node. */
  public static final class Entry {
    NodeLease lease;
    long lastHeartbeat;
    boolean ready = true;
    Instant transition = Instant.now();
    final Instant registered = Instant.now();
    /** What users set (kubectl label, taint, cordon); the registry adds its own labels and taints on top. */
    final Map<String, String> labels = new TreeMap<>();
    /** What users annotate (kubectl annotate); the registry adds its own, flannel's, on top. */
    final Map<String, String> annotations = new TreeMap<>();
    /** A node known from the replicated store but not heard from since this store started: its last Node. */
    Node restored;
    final List<Taint> taints = new ArrayList<>();
    boolean unschedulable;

    /** The node's lease; null for a node restored from the store that has not renewed since. */
    public NodeLease lease() {
      return lease;
    }

    public boolean ready() {
      return ready;
    }
  }

  /** What every emulated node offers the scheduler (kubelet's --max-pods default is 110). */
  public static final Map<String, Quantity> ALLOCATABLE = Map.of("cpu", new Quantity("8"), "memory", new Quantity("32Gi"),
      "pods", new Quantity("110"), "ephemeral-storage", new Quantity("100Gi"));
  /** The taints the node lifecycle controller manages; users cannot set or remove them. */
  public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
  /** The label and the annotations the registry writes on every Node; users cannot change them. */
  static final String HOST_LABEL = "kubemu.io/host";
  static final String FLANNEL_PREFIX = "flannel.alpha.coreos.com/";

  private final Map<String, Entry> nodes = new TreeMap<>();
  private final Duration grace;

  public NodeRegistry(Duration grace) {
    this.grace = grace;
  }

  /** Records a registration or renewal; true when the node is new or was not Ready before. */
  public boolean heartbeat(NodeLease lease, long now) {
    Entry e = nodes.computeIfAbsent(lease.node(), n -> new Entry());
    boolean changed = e.lease == null || !e.ready || !lease.equals(e.lease);
    e.lease = lease;
    e.restored = null;
    e.lastHeartbeat = now;
    if (!e.ready) {
      e.ready = true;
      e.transition = Instant.now();
    }
    return changed;
  }

  /** Marks nodes whose renewals stopped NotReady; returns their names. */
  public List<String> expire(long now) {
    List<String> lost = new ArrayList<>();
    nodes.forEach((name, e) -> {
      if (e.ready && now - e.lastHeartbeat > grace.toMillis()) {
        e.ready = false;
        e.transition = Instant.now();
        lost.add(name);
      }
    });
    return lost;
  }

  public Entry get(String node) {
    return nodes.get(node);
  }

  public ActorRef<NodeAgent.Command> agent(String node) {
    Entry e = nodes.get(node);
    return e == null || e.lease == null ? null : e.lease.agent();
  }

  /**
   * A node that a previous store registered (after a control-plane failover): it counts as Ready
   * until it misses the grace period from {@code now}, so a node whose host died with the old store
   * goes NotReady and its pods are evicted, as a node that stops renewing always does.
   */
  public void restore(Node last, long now) {
    Entry e = nodes.computeIfAbsent(last.getMetadata().getName(), n -> new Entry());
    if (e.lease != null) {
      return;
    }
    e.restored = last;
    e.lastHeartbeat = now;
    edit(last.getMetadata().getName(), last.getMetadata().getLabels() == null ? Map.of() : last.getMetadata().getLabels(),
        last.getSpec() == null || last.getSpec().getTaints() == null ? List.of() : last.getSpec().getTaints(),
        last.getSpec() != null && Boolean.TRUE.equals(last.getSpec().getUnschedulable()));
    annotate(last.getMetadata().getName(), last.getMetadata().getAnnotations() == null ? Map.of() : last.getMetadata().getAnnotations());
  }

  public List<String> readyNodes() {
    return nodes.entrySet().stream().filter(e -> e.getValue().ready).map(Map.Entry::getKey).toList();
  }

  public Map<String, Entry> all() {
    return nodes;
  }

  /** The Node object as the API serves it. */
  public Node toNode(String name) {
    Entry e = nodes.get(name);
    if (e.lease == null) {
      return restoredNode(name, e);
    }
    String ts = e.transition.truncatedTo(ChronoUnit.SECONDS).toString();
    NodeCondition ready = new NodeConditionBuilder().withType("Ready")
        .withStatus(e.ready ? "True" : "Unknown")
        .withReason(e.ready ? "KubeletReady" : "NodeStatusUnknown")
        .withMessage(e.ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status.")
        .withLastTransitionTime(ts)
        .withLastHeartbeatTime(Instant.ofEpochMilli(e.lastHeartbeat).truncatedTo(ChronoUnit.SECONDS).toString())
        .build();
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name)
        .withCreationTimestamp(e.registered.truncatedTo(ChronoUnit.SECONDS).toString())
        .addToLabels("kubernetes.io/hostname", name)
        .addToLabels("kubernetes.io/os", "linux")
        .addToLabels(e.labels)
        .addToLabels(HOST_LABEL, e.lease.host())
        .addToAnnotations(e.annotations)
        .addToAnnotations(FLANNEL_PREFIX + "backend-type", e.lease.backend().replace("flannel-", ""))
        .addToAnnotations(FLANNEL_PREFIX + "public-ip", e.lease.nodeIp().toString())
        .addToAnnotations(FLANNEL_PREFIX + "backend-data",
            e.lease.vtepMac() == null ? "null" : "{\"VNI\":1,\"VtepMAC\":\"" + e.lease.vtepMac() + "\"}")
        .endMetadata()
        .withNewSpec().withPodCIDR(e.lease.podCidr().toString()).addToPodCIDRs(e.lease.podCidr().toString())
        .withUnschedulable(e.unschedulable ? true : null).endSpec()
        .withNewStatus()
        .withCapacity(ALLOCATABLE).withAllocatable(ALLOCATABLE)
        .withConditions(ready)
        .withAddresses(new NodeAddress(e.lease.nodeIp().toString(), "InternalIP"), new NodeAddress(name, "Hostname"))
        .withNewNodeInfo().withKubeletVersion("v1.31.0-kubemu").withContainerRuntimeVersion("kubemu://0.1")
        .withOperatingSystem("linux").withArchitecture("amd64").withOsImage("kubemu").withKernelVersion("emulated")
        .withKubeProxyVersion("v1.31.0-kubemu").withMachineID("").withSystemUUID("").withBootID("").endNodeInfo()
        .endStatus();
    return withTaints(b.build(), e, ts);
  }

  /** The restored node as last stored, with this registry's view of its readiness, labels, annotations and taints. */
  private Node restoredNode(String name, Entry e) {
    String ts = e.transition.truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, String> annotations = new TreeMap<>(e.annotations);
    Map<String, String> last = e.restored.getMetadata().getAnnotations() == null ? Map.of() : e.restored.getMetadata().getAnnotations();
    last.forEach((k, v) -> {
      if (k.startsWith(FLANNEL_PREFIX)) {
        annotations.put(k, v);
      }
    });
    Node n = new NodeBuilder(e.restored).editMetadata().withResourceVersion(null).withLabels(new TreeMap<>(e.labels))
        .withAnnotations(annotations).endMetadata()
        .editOrNewSpec().withTaints().withUnschedulable(e.unschedulable ? true : null).endSpec()
        .editOrNewStatus().withConditions(new NodeConditionBuilder().withType("Ready")
            .withStatus(e.ready ? "True" : "Unknown").withReason(e.ready ? "KubeletReady" : "NodeStatusUnknown")
            .withMessage(e.ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status.")
            .withLastTransitionTime(ts).withLastHeartbeatTime(ts).build()).endStatus().build();
    n.getMetadata().getLabels().put("kubernetes.io/hostname", name);
    return withTaints(n, e, ts);
  }

  private static Node withTaints(Node node, Entry e, String ts) {
    List<Taint> taints = new ArrayList<>(e.taints);
    if (e.unschedulable) {
      taints.add(new TaintBuilder().withKey("node.kubernetes.io/unschedulable").withEffect("NoSchedule").withTimeAdded(ts).build());
    }
    if (!e.ready) {
      taints.add(new TaintBuilder().withKey(UNREACHABLE).withEffect("NoSchedule").withTimeAdded(ts).build());
      taints.add(new TaintBuilder().withKey(UNREACHABLE).withEffect("NoExecute").withTimeAdded(ts).build());
    }
    node.getSpec().setTaints(taints.isEmpty() ? null : taints);
    return node;
  }

  /**
   * Takes what a user may change on a Node (kubectl label, taint, cordon): labels, taints other
   * than the lifecycle's own, and spec.unschedulable. False when the node is unknown.
   */
  public boolean edit(String name, Map<String, String> labels, List<Taint> taints, boolean unschedulable) {
    Entry e = nodes.get(name);
    if (e == null) {
      return false;
    }
    replaceUsers(e.labels, labels, HOST_LABEL::equals);
    e.taints.clear();
    taints.stream().filter(t -> !t.getKey().equals(UNREACHABLE) && !t.getKey().equals("node.kubernetes.io/unschedulable"))
        .forEach(e.taints::add);
    e.unschedulable = unschedulable;
    return true;
  }

  /**
   * Takes the annotations a user may change on a Node (kubectl annotate): all but flannel's, which the
   * registry writes from the node's lease. False when the node is unknown.
   */
  public boolean annotate(String name, Map<String, String> annotations) {
    Entry e = nodes.get(name);
    if (e == null) {
      return false;
    }
    replaceUsers(e.annotations, annotations, k -> k.startsWith(FLANNEL_PREFIX));
    return true;
  }

  /** Makes {@code mine} what the user wants, less the keys the registry writes itself. */
  private static void replaceUsers(Map<String, String> mine, Map<String, String> wanted, Predicate<String> registrys) {
    mine.clear();
    wanted.forEach((k, v) -> {
      if (!registrys.test(k)) {
        mine.put(k, v);
      }
    });
  }
}
