package io.kubemu.protocols.api;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
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
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The kinds kubemu accepts, each a fabric8 model class. apiVersion, kind and scope come from the class's own
 * annotations, so a new kind is one more class in the list (and, for a new API group, its fabric8 model artifact,
 * or for Calico's projectcalico.org/v3, its own classes in {@code api.calico}). Kind names are unique across
 * groups, so that {@link #findKind} is unambiguous: Calico's own Node and NetworkPolicy kinds are not here.
 */
public final class KnownKinds {

  /** One accepted kind, e.g. {@code v1 Pod}. */
  public record Kind(String apiVersion, String kind, Class<? extends HasMetadata> type, boolean namespaced) {
    static Kind of(Class<? extends HasMetadata> type) {
      return new Kind(HasMetadata.getApiVersion(type), HasMetadata.getKind(type), type,
          Namespaced.class.isAssignableFrom(type));
    }

    @Override
    public String toString() {
      return apiVersion + " " + kind;
    }
  }

  private static final List<Kind> ALL = Stream.<Class<? extends HasMetadata>>of(
          Pod.class,
          Namespace.class,
          Node.class,
          Service.class,
          ConfigMap.class,
          Secret.class,
          ServiceAccount.class,
          Endpoints.class,
          Event.class,
          Deployment.class,
          ReplicaSet.class,
          DaemonSet.class,
          StatefulSet.class,
          Job.class,
          EndpointSlice.class,
          Ingress.class,
          IngressClass.class,
          NetworkPolicy.class,
          IPPool.class,
          io.kubemu.protocols.api.calico.BlockAffinity.class,
          BGPConfiguration.class,
          BGPPeer.class)
      .map(Kind::of)
      .sorted(Comparator.comparing(Kind::apiVersion).thenComparing(Kind::kind))
      .toList();

  private KnownKinds() {}

  public static List<Kind> all() {
    return ALL;
  }

  public static Optional<Kind> find(String apiVersion, String kind) {
    return ALL.stream().filter(k -> k.apiVersion.equals(apiVersion) && k.kind.equals(kind)).findFirst();
  }

  /** The kind by name in whatever version kubemu knows it, to tell "wrong apiVersion" from "unknown kind". */
  public static Optional<Kind> findKind(String kind) {
    return ALL.stream().filter(k -> k.kind.equals(kind)).findFirst();
  }

  public static Optional<Kind> of(Class<?> type) {
    return ALL.stream().filter(k -> k.type.equals(type)).findFirst();
  }

  /** {@code v1 ConfigMap, v1 Endpoints, ...}, for error messages. */
  public static String describe() {
    return ALL.stream().map(Kind::toString).collect(Collectors.joining(", "));
  }
}
