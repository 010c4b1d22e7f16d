package io.kubemu.emulator.controlplane;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Set;

/**
 * What the API server's per-kind strategies do to an object written through the main resource or
 * through its status subresource: a main-resource write keeps the stored status (a create starts with
 * none), a status write changes only the status, and metadata.generation counts spec changes. Pure
 * logic over objects; the generic registry of the real API server does the same in PrepareForCreate
 * and PrepareForUpdate.
 */
public final class Strategies {
  /** Kinds with a /status subresource: their status is written there, and main-resource writes keep it. */
  public static final Set<String> WITH_STATUS = Set.of("Pod", "Namespace", "Node", "Service", "Deployment",
      "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "Ingress");
  /** Kinds with a /scale subresource (autoscaling/v1 Scale over spec.replicas). */
  public static final Set<String> WITH_SCALE = Set.of("Deployment", "ReplicaSet", "StatefulSet");
  /** Kinds whose metadata.generation the API server counts. */
  static final Set<String> WITH_GENERATION = Set.of("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job",
      "Ingress", "NetworkPolicy");
  /** Kinds whose status a create keeps: the kubelet and the namespace lifecycle fill it in this emulator. */
  private static final Set<String> STATUS_KEPT_ON_CREATE = Set.of("Pod", "Namespace");

  private Strategies() {}

  /**
   * Prepares {@code obj}, in place, for a write of its main resource over {@code old} (null: a create):
   * the stored status is kept, and the generation starts at 1 and grows when the spec (or, for a
   * Deployment, the annotations, which it copies to its ReplicaSets) changes.
   */
  static void forMainResource(HasMetadata obj, HasMetadata old) {
    String kind = obj.getKind();
    if (WITH_STATUS.contains(kind) && (old != null || !STATUS_KEPT_ON_CREATE.contains(kind))) {
      setStatus(obj, old == null ? null : getStatus(old));
    }
    if (WITH_GENERATION.contains(kind)) {
      Long before = old == null ? null : old.getMetadata().getGeneration();
      long generation = before == null ? 1 : before;
      if (old != null && specChanged(kind, Json.MAPPER.valueToTree(obj), Json.MAPPER.valueToTree(old))) {
        generation++;
      }
      obj.getMetadata().setGeneration(generation);
    }
    if (obj instanceof Service svc) {
      ServiceStrategy.prepare(svc, (Service) old);
    }
  }

  /** The object a status write stores: a copy of {@code old} with the status of {@code withStatus}, nothing else. */
  static HasMetadata forStatus(HasMetadata withStatus, HasMetadata old) {
    HasMetadata out = Json.copy(old);
    setStatus(out, getStatus(withStatus));
    return out;
  }

  private static Object getStatus(HasMetadata obj) {
    try {
      return obj.getClass().getMethod("getStatus").invoke(obj);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(obj.getKind() + " has no status to get", e);
    }
  }

  /** Sets a deep copy of {@code status} (null clears it) on {@code obj}. */
  private static void setStatus(HasMetadata obj, Object status) {
    try {
      Method getter = obj.getClass().getMethod("getStatus");
      Object copy = status == null ? null : Json.MAPPER.treeToValue(Json.MAPPER.valueToTree(status), getter.getReturnType());
      obj.getClass().getMethod("setStatus", getter.getReturnType()).invoke(obj, copy);
    } catch (ReflectiveOperationException | JsonProcessingException e) {
      throw new IllegalStateException(obj.getKind() + " has no status to set", e);
    }
  }

  private static boolean specChanged(String kind, JsonNode now, JsonNode old) {
    if (!Objects.equals(now.get("spec"), old.get("spec"))) {
      return true;
    }
    return kind.equals("Deployment")
        && !now.path("metadata").path("annotations").equals(old.path("metadata").path("annotations"));
  }
}
