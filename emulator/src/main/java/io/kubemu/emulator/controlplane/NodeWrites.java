package io.kubemu.emulator.controlplane;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Node;
import io.kubemu.protocols.api.validation.FieldError;
import io.kubemu.protocols.api.validation.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes to Nodes. Nodes are made by the node registry from kubelet heartbeats, so a write keeps
 * only what users change on real clusters: labels, annotations, taints and spec.unschedulable
 * (kubectl label, annotate, taint, cordon and uncordon); an apply of a Node changes its labels and
 * annotations only. A resourceVersion other than the current one is a 409 Conflict; a node that
 * does not exist is a 404, since Nodes are not created through the API.
 */
final class NodeWrites {
  private NodeWrites() {}

  static Writes.Outcome update(NodeRegistry nodes, String name, String json, String currentVersion) {
    if (nodes.get(name) == null) {
      return notFound(name);
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
    Writes.Outcome invalid = invalid(wanted);
    if (invalid != null) {
      return invalid;
    }
    var spec = wanted.getSpec();
    nodes.edit(name, labels(wanted), spec == null || spec.getTaints() == null ? List.of() : new ArrayList<>(spec.getTaints()),
        spec != null && Boolean.TRUE.equals(spec.getUnschedulable()));
    nodes.annotate(name, annotations(wanted));
    return new Writes.Outcome(200, null, null);
  }

  /** A patch ({@link Patches#TYPES}: kubectl label, annotate, taint and cordon send strategic merge patches) on the Node as served now. */
  static Writes.Outcome patch(NodeRegistry nodes, String name, String patchType, String patchJson, Node current) {
    if (current == null) {
      return notFound(name);
    }
    try {
      JsonNode patched = Patches.apply(patchType, "Node", Json.MAPPER.valueToTree(current), patchJson);
      return update(nodes, name, Json.write(patched), null);
    } catch (IllegalArgumentException | JsonPatch.Failed e) {
      return new Writes.Outcome(400, Statuses.failure(400, "BadRequest", e.getMessage()), null);
    }
  }

  /**
   * Why a Node of a manifest cannot be applied (it names no registered node, or its metadata is
   * invalid), or null when {@link #apply} may take it.
   */
  static Admission.Refusal admitApply(NodeRegistry nodes, Node node) {
    String name = node.getMetadata() == null ? null : node.getMetadata().getName();
    if (name == null || nodes.get(name) == null) {
      return Admission.status(404, "NotFound", "nodes \"" + name + "\" not found: kubemu's nodes come from its hosts"
          + " (kubemu up --nodes N); applying a Node changes the labels and annotations of one that exists");
    }
    Writes.Outcome invalid = invalid(node);
    return invalid == null ? null : new Admission.Refusal(invalid.code(), invalid.json());
  }

  /** Takes the labels and annotations of an admitted Node from a manifest; the rest stays the registry's. */
  static void apply(NodeRegistry nodes, Node node) {
    NodeRegistry.Entry e = nodes.get(node.getMetadata().getName());
    nodes.edit(node.getMetadata().getName(), labels(node), List.copyOf(e.taints), e.unschedulable);
    nodes.annotate(node.getMetadata().getName(), annotations(node));
  }

  private static Writes.Outcome invalid(Node node) {
    List<FieldError> errors = Validation.validate(node);
    return errors.isEmpty() ? null : new Writes.Outcome(422, Json.write(Validation.invalidStatus(node, errors)), null);
  }

  private static Map<String, String> labels(Node node) {
    return node.getMetadata().getLabels() == null ? Map.of() : new LinkedHashMap<>(node.getMetadata().getLabels());
  }

  private static Map<String, String> annotations(Node node) {
    return node.getMetadata().getAnnotations() == null ? Map.of() : new LinkedHashMap<>(node.getMetadata().getAnnotations());
  }

  private static Writes.Outcome notFound(String name) {
    return new Writes.Outcome(404, Statuses.failure(404, "NotFound", "nodes \"" + name + "\" not found"), null);
  }
}
