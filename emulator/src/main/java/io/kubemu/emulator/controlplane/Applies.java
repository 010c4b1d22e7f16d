package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * kubemu apply: every object is admitted before any is stored, so one bad document refuses the
 * whole set and nothing is half-applied; a Namespace and its objects may come together. A Node
 * names a registered node, whose labels and annotations it sets ({@link NodeWrites#apply}).
 */
final class Applies {
  private Applies() {}

  /** The answer (kubectl apply's lines, or a refusal), the pods it created, for the scheduler, and the nodes it changed. */
  record Outcome(StoreProtocol.ApplyResult result, List<Pod> createdPods, List<String> changedNodes) {}

  static Outcome apply(ObjectStore store, NodeRegistry nodes, List<String> jsons) {
    try {
      return applied(store, nodes, jsons);
    } finally {
      store.settleAllocations();
    }
  }

  private static Outcome applied(ObjectStore store, NodeRegistry nodes, List<String> jsons) {
    List<HasMetadata> objects = new ArrayList<>();
    try {
      for (String json : jsons) {
        objects.add(Json.read(json));
      }
    } catch (IllegalArgumentException e) {
      return refused(400, Statuses.failure(400, "BadRequest", e.getMessage()));
    }
    Set<String> newNamespaces = new HashSet<>();
    for (HasMetadata o : objects) {
      Admission.Refusal refused = o instanceof Node n ? NodeWrites.admitApply(nodes, n) : Admission.admit(o, store, newNamespaces);
      if (refused != null) {
        return refused(refused.code(), refused.statusJson());
      }
      if (o instanceof Namespace) {
        newNamespaces.add(o.getMetadata().getName());
      }
    }
    List<String> lines = new ArrayList<>();
    List<Pod> created = new ArrayList<>();
    List<String> changedNodes = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (o instanceof Node n) {
        Node before = nodes.toNode(n.getMetadata().getName());
        NodeWrites.apply(nodes, n);
        boolean changed = !before.equals(nodes.toNode(n.getMetadata().getName()));
        lines.add("node/" + n.getMetadata().getName() + (changed ? " configured" : " unchanged"));
        if (changed) {
          changedNodes.add(n.getMetadata().getName());
        }
        continue;
      }
      String what = store.put(o);
      lines.add(o.getKind().toLowerCase() + "/" + o.getMetadata().getName() + " " + what);
      if (o instanceof Pod p && what.equals("created")) {
        created.add(p);
      }
    }
    return new Outcome(new StoreProtocol.ApplyResult(lines, 200, null), created, changedNodes);
  }

  private static Outcome refused(int code, String statusJson) {
    return new Outcome(new StoreProtocol.ApplyResult(List.of(), code, statusJson), List.of(), List.of());
  }
}
