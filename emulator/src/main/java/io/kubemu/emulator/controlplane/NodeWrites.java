package io.kubemu.emulator.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes to Nodes. Nodes are made by the node registry from kubelet heartbeats, so a write keeps
 * only what users change on real clusters: labels, taints and spec.unschedulable (kubectl label,
 * taint, cordon and uncordon). A resourceVersion other than the current one is a 409 Conflict.
 */
final class NodeWrites {
  private NodeWrites() {}

  static Writes.Outcome update(NodeRegistry nodes, String name, String json, String currentVersion) {
    if (nodes.get(name) == null) {
      return new Writes.Outcome(404, Statuses.failure(404, "NotFound", "nodes \"" + name + "\" not found"), null);
    }
    Node wanted;
    try {
      wanted = Json.MAPPER.convertValue(Json.read(json, JsonNode.class), Node.class);
    } catch (IllegalArgumentException e) {
      return new Writes.Outcome(400, Statuses.failure(400, "BadRequest", e.getMessage()), null);
    }
    if (wanted.getMetadata() == null || !name.equals(wanted.getMetadata().getName())) {
      return new Writes.Outcome(400, Statuses.failure(400, "BadRequest",
          "the name of the object does not match the name on the URL (" + name + ")"), null);
    }
    String version = wanted.getMetadata().getResourceVersion();
    if (version != null && !version.isEmpty() && currentVersion != null && !version.equals(currentVersion)) {
      return new Writes.Outcome(409, Statuses.failure(409, "Conflict", "Operation cannot be fulfilled on nodes \"" + name
          + "\": the object has been modified; please apply your changes to the latest version and try again"), null);
    }
    Map<String, String> labels = wanted.getMetadata().getLabels() == null ? Map.of() : new LinkedHashMap<>(wanted.getMetadata().getLabels());
    var spec = wanted.getSpec();
    nodes.edit(name, labels, spec == null || spec.getTaints() == null ? List.of() : new ArrayList<>(spec.getTaints()),
        spec != null && Boolean.TRUE.equals(spec.getUnschedulable()));
    return new Writes.Outcome(200, null, null);
  }

  /** A patch ({@link Patches#TYPES}: kubectl label, taint and cordon send strategic merge patches) on the Node as served now. */
  static Writes.Outcome patch(NodeRegistry nodes, String name, String patchType, String patchJson, Node current) {
    if (current == null) {
      return new Writes.Outcome(404, Statuses.failure(404, "NotFound", "nodes \"" + name + "\" not found"), null);
    }
    try {
      JsonNode patched = Patches.apply(patchType, "Node", Json.MAPPER.valueToTree(current), patchJson);
      return update(nodes, name, Json.write(patched), null);
    } catch (IllegalArgumentException | JsonPatch.Failed e) {
      return new Writes.Outcome(400, Statuses.failure(400, "BadRequest", e.getMessage()), null);
    }
  }
}
