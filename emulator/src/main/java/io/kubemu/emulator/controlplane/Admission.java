package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.kubemu.protocols.api.KnownKinds;
import io.kubemu.protocols.api.calico.IPPool;
import io.kubemu.protocols.api.validation.FieldError;
import io.kubemu.protocols.api.validation.Validation;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the API server does to an object before storing it: the uid, defaulting (namespace, restartPolicy,
 * dnsPolicy, and the {@link Defaults} of each kind), validation, the namespace existence check, and pod spec immutability. A refusal is
 * the Kubernetes Status JSON to return.
 */
public final class Admission {
  /**
   * Kinds this control plane acts on. Others are recognised and validated by the loader, but are
   * refused here rather than stored with nothing reconciling them (their controllers come later).
   */
  public static final Set<String> SERVED = Set.of("Pod", "Namespace", "ConfigMap", "Secret", "ServiceAccount",
      "Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job", "Event", "Service", "EndpointSlice", "Ingress", "IngressClass",
      "IPPool", "BGPConfiguration", "BGPPeer");

  /**
   * Kinds kubemu makes itself, which clients may update and patch but not create or delete: Nodes,
   * from the node registry ({@link NodeWrites}).
   */
  public static final Set<String> EDITABLE = Set.of("Node");

  private Admission() {}

  /** Why an object was refused: the HTTP status and the Status JSON to answer with. */
  record Refusal(int code, String statusJson) {}

  /**
   * Defaults and checks {@code obj}; returns the refusal, or null when admitted. {@code newNamespaces}
   * are namespaces created earlier in the same apply, so a Namespace and its pods can come together.
   */
  static Refusal admit(HasMetadata obj, ObjectStore store, Set<String> newNamespaces) {
    return admit(obj, store, newNamespaces, false);
  }

  /**
   * As {@link #admit(HasMetadata, ObjectStore, Set)}; {@code statusWrite} for an object made by a
   * write of the status subresource, which keeps everything but the status it was given.
   */
  static Refusal admit(HasMetadata obj, ObjectStore store, Set<String> newNamespaces, boolean statusWrite) {
    try {
      return checked(obj, store, newNamespaces, statusWrite);
    } catch (RuntimeException e) {
      // A shape the checks did not foresee (a null list element, say) is the client's error, never the store's end.
      return status(400, "BadRequest", "the object could not be admitted: " + e);
    }
  }

  private static Refusal checked(HasMetadata obj, ObjectStore store, Set<String> newNamespaces, boolean statusWrite) {
    Optional<KnownKinds.Kind> kind = KnownKinds.findKind(obj.getKind());
    if (kind.isEmpty()) {
      return status(400, "BadRequest", "no matches for kind \"" + obj.getKind() + "\" in version \"" + obj.getApiVersion() + "\"");
    }
    if (EDITABLE.contains(obj.getKind())) {
      return status(405, "MethodNotAllowed", "nodes are not created through the API: kubemu's nodes come from its hosts"
          + " (kubemu up --nodes N); their labels and annotations may be changed (kubectl label node, kubectl annotate node,"
          + " or kubemu apply -f of a v1 Node that names one)");
    }
    if (!SERVED.contains(obj.getKind())) {
      return status(501, "NotImplemented", "kind " + obj.getKind() + " (" + obj.getApiVersion() + ") is valid Kubernetes, but kubemu"
          + " does not run what acts on it yet; it serves: " + String.join(", ", SERVED.stream().sorted().toList()));
    }
    if (kind.get().namespaced()) {
      if (obj.getMetadata().getNamespace() == null || obj.getMetadata().getNamespace().isEmpty()) {
        obj.getMetadata().setNamespace("default");
      }
    } else {
      obj.getMetadata().setNamespace(null);
    }
    // The API server fills the uid before the kind's strategy runs (rest.BeforeCreate), so that a
    // Job's generated selector can name it; an update keeps the stored one.
    HasMetadata stored = store.get(obj.getKind(), obj.getMetadata().getNamespace(), obj.getMetadata().getName()).orElse(null);
    obj.getMetadata().setUid(stored == null ? UUID.randomUUID().toString() : stored.getMetadata().getUid());
    Defaults.apply(obj);
    if (obj instanceof Ingress ing && stored == null) {
      DefaultIngressClass.apply(ing, store);
    }
    if (!statusWrite) {
      Strategies.forMainResource(obj, stored);
    }
    List<FieldError> errors = Validation.validate(obj);
    if (!errors.isEmpty()) {
      return new Refusal(422, Json.write(Validation.invalidStatus(obj, errors)));
    }
    String ns = obj.getMetadata().getNamespace();
    if (ns != null && !newNamespaces.contains(ns) && store.get("Namespace", null, ns).isEmpty()) {
      return status(404, "NotFound", "namespaces \"" + ns + "\" not found");
    }
    if (obj instanceof Service svc && !statusWrite) {
      Refusal refused = ServiceAllocation.admit(svc, (Service) stored, store.services());
      if (refused != null) {
        return refused;
      }
    }
    if (obj instanceof IPPool pool) {
      Refusal refused = IpPoolAdmission.admit(pool, (IPPool) stored, store);
      if (refused != null) {
        return refused;
      }
    }
    if (obj instanceof Pod p) {
      Optional<Pod> old = store.get(Pod.class, "Pod", ns, p.getMetadata().getName());
      if (old.isPresent()) {
        p.getSpec().setNodeName(p.getSpec().getNodeName() == null ? old.get().getSpec().getNodeName() : p.getSpec().getNodeName());
        if (!old.get().getSpec().equals(p.getSpec())) {
          return status(422, "Invalid", "Pod \"" + p.getMetadata().getName()
              + "\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
              + "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
              + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)");
        }
      }
    }
    return null;
  }

  static Refusal status(int code, String reason, String message) {
    return new Refusal(code, Statuses.failure(code, reason, message));
  }
}
