package io.kubemu.protocols.api.validation;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.kubemu.protocols.api.calico.BGPConfiguration;
import io.kubemu.protocols.api.calico.BGPPeer;
import io.kubemu.protocols.api.calico.IPPool;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Validates objects as the API server does on create, and renders the result as its 422 Status. Used by the
 * manifest loader and, later, by the emulated API server: the same errors whichever way an object arrives.
 */
public final class Validation {
  /** Name formats that differ from the default DNS-1123 subdomain (as in pkg/apis/{core,apps}/validation). */
  private static final Map<Class<?>, Function<String, List<String>>> NAME_FORMATS = Map.of(
      Namespace.class, Formats::dns1123Label,
      Service.class, Formats::dns1035Label,
      StatefulSet.class, Formats::dns1123Label);

  /** Validators of what lies beyond metadata, by kind; kinds not listed have their metadata checked only. */
  private static final Map<Class<?>, Function<HasMetadata, List<FieldError>>> SPEC_VALIDATORS = Map.ofEntries(
      Map.entry(Pod.class, o -> PodValidator.validate((Pod) o)),
      Map.entry(Service.class, o -> ServiceValidator.validate((Service) o)),
      Map.entry(Deployment.class, o -> DeploymentValidator.validate((Deployment) o)),
      Map.entry(ReplicaSet.class, o -> ReplicaSetValidator.validate((ReplicaSet) o)),
      Map.entry(DaemonSet.class, o -> DaemonSetValidator.validate((DaemonSet) o)),
      Map.entry(StatefulSet.class, o -> StatefulSetValidator.validate((StatefulSet) o)),
      Map.entry(Job.class, o -> JobValidator.validate((Job) o)),
      Map.entry(EndpointSlice.class, o -> EndpointSliceValidator.validate((EndpointSlice) o)),
      Map.entry(Ingress.class, o -> IngressValidator.validate((Ingress) o)),
      Map.entry(NetworkPolicy.class, o -> NetworkPolicyValidator.validate((NetworkPolicy) o)),
      Map.entry(IngressClass.class, o -> IngressClassValidator.validate((IngressClass) o)),
      Map.entry(IPPool.class, o -> IPPoolValidator.validate((IPPool) o)),
      Map.entry(BGPConfiguration.class, o -> BGPConfigurationValidator.validate((BGPConfiguration) o)),
      Map.entry(BGPPeer.class, o -> BGPPeerValidator.validate((BGPPeer) o)));

  private Validation() {}

  /** Every error in the object, in field order; empty when the API server would accept it. */
  public static List<FieldError> validate(HasMetadata obj) {
    Class<?> type = obj.getClass();
    List<FieldError> errs = new ArrayList<>(ObjectMetaValidator.validate(obj.getMetadata(), obj instanceof Namespaced,
        NAME_FORMATS.getOrDefault(type, Formats::dns1123Subdomain), FieldPath.of("metadata")));
    Function<HasMetadata, List<FieldError>> spec = SPEC_VALIDATORS.get(type);
    if (spec != null) {
      errs.addAll(spec.apply(obj));
    }
    return errs;
  }

  /**
   * The Status the API server answers a create with when validation fails: code 422, reason Invalid, one
   * cause per distinct error, message {@code Pod "web" is invalid: [spec.containers[0].image: Required value, ...]}.
   */
  public static Status invalidStatus(HasMetadata obj, List<FieldError> errors) {
    Map<String, FieldError> distinct = new LinkedHashMap<>();
    errors.forEach(e -> distinct.putIfAbsent(e.toString(), e));
    List<String> messages = new ArrayList<>(distinct.keySet());
    String aggregate = messages.size() == 1 ? messages.get(0) : "[" + String.join(", ", messages) + "]";
    String kind = HasMetadata.getKind(obj.getClass());
    String group = orEmpty(HasMetadata.getGroup(obj.getClass()));
    String name = obj.getMetadata() == null ? "" : orEmpty(obj.getMetadata().getName());
    String qualifiedKind = group.isEmpty() ? kind : kind + "." + group;
    List<StatusCause> causes = distinct.values().stream()
        .map(e -> new StatusCauseBuilder().withField(e.field()).withMessage(e.body()).withReason(e.type().reason()).build())
        .toList();
    return new StatusBuilder()
        .withStatus("Failure")
        .withMessage(qualifiedKind + " " + FieldError.quote(name) + " is invalid: " + aggregate)
        .withReason("Invalid")
        .withCode(422)
        .withNewDetails()
        .withName(name)
        .withGroup(group.isEmpty() ? null : group)
        .withKind(kind)
        .withCauses(causes)
        .endDetails()
        .build();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
