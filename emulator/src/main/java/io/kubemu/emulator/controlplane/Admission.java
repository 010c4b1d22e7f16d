package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubemu.protocols.api.KnownKinds;
import io.kubemu.protocols.api.validation.FieldError;
import io.kubemu.protocols.api.validation.Validation;
import java.util.List;
import java.util.Optional;

/**
 * What the API server does to an object before storing it: defaulting (namespace, restartPolicy,
 * dnsPolicy), validation, the namespace existence check, and pod spec immutability. A refusal is
 * the Kubernetes Status JSON to return.
 */
final class Admission {
  private Admission() {}

  /** Defaults and checks {@code obj}; returns the Status JSON of a refusal, or null when admitted. */
  static String admit(HasMetadata obj, ObjectStore store) {
    Optional<KnownKinds.Kind> kind = KnownKinds.findKind(obj.getKind());
    if (kind.isEmpty()) {
      return status(400, "BadRequest", "no matches for kind \"" + obj.getKind() + "\" in version \"" + obj.getApiVersion() + "\"");
    }
    if (kind.get().namespaced()) {
      if (obj.getMetadata().getNamespace() == null || obj.getMetadata().getNamespace().isEmpty()) {
        obj.getMetadata().setNamespace("default");
      }
    } else {
      obj.getMetadata().setNamespace(null);
    }
    if (obj instanceof Pod p) {
      defaultPod(p);
    }
    List<FieldError> errors = Validation.validate(obj);
    if (!errors.isEmpty()) {
      return Json.write(Validation.invalidStatus(obj, errors));
    }
    String ns = obj.getMetadata().getNamespace();
    if (ns != null && store.get("Namespace", null, ns).isEmpty()) {
      return status(404, "NotFound", "namespaces \"" + ns + "\" not found");
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
        p.setStatus(old.get().getStatus());
      }
    }
    return null;
  }

  private static void defaultPod(Pod p) {
    if (p.getSpec() == null) {
      return;
    }
    if (p.getSpec().getRestartPolicy() == null) {
      p.getSpec().setRestartPolicy("Always");
    }
    if (p.getSpec().getDnsPolicy() == null) {
      p.getSpec().setDnsPolicy("ClusterFirst");
    }
    if (p.getSpec().getSchedulerName() == null) {
      p.getSpec().setSchedulerName("default-scheduler");
    }
    if (p.getSpec().getTerminationGracePeriodSeconds() == null) {
      p.getSpec().setTerminationGracePeriodSeconds(30L);
    }
  }

  static String status(int code, String reason, String message) {
    return Statuses.failure(code, reason, message);
  }
}
