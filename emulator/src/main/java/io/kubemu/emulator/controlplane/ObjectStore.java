package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Versioned Kubernetes objects by kind, namespace and name. Every write bumps the store's
 * resourceVersion and stamps it on the object; creation fills uid and creationTimestamp. Pure
 * data, owned by the API store actor.
 */
public final class ObjectStore {
  private final Map<String, HasMetadata> objects = new TreeMap<>();
  private long resourceVersion = 1;

  private static String key(String kind, String namespace, String name) {
    return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }

  public long resourceVersion() {
    return resourceVersion;
  }

  public Optional<HasMetadata> get(String kind, String namespace, String name) {
    return Optional.ofNullable(objects.get(key(kind, namespace, name)));
  }

  public <T extends HasMetadata> Optional<T> get(Class<T> type, String kind, String namespace, String name) {
    return get(kind, namespace, name).filter(type::isInstance).map(type::cast);
  }

  /** Stores {@code obj}; returns "created", "configured" or "unchanged" as kubectl apply prints. */
  public String put(HasMetadata obj) {
    String ns = obj.getMetadata().getNamespace();
    String k = key(obj.getKind(), ns, obj.getMetadata().getName());
    HasMetadata old = objects.get(k);
    if (old == null) {
      obj.getMetadata().setUid(UUID.randomUUID().toString());
      obj.getMetadata().setCreationTimestamp(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
    } else {
      obj.getMetadata().setUid(old.getMetadata().getUid());
      obj.getMetadata().setCreationTimestamp(old.getMetadata().getCreationTimestamp());
      String previousVersion = old.getMetadata().getResourceVersion();
      obj.getMetadata().setResourceVersion(previousVersion);
      if (old.equals(obj)) {
        return "unchanged";
      }
    }
    obj.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
    objects.put(k, obj);
    return old == null ? "created" : "configured";
  }

  /** Writes a changed object back (status updates), bumping its resourceVersion. */
  public void update(HasMetadata obj) {
    obj.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
    objects.put(key(obj.getKind(), obj.getMetadata().getNamespace(), obj.getMetadata().getName()), obj);
  }

  public Optional<HasMetadata> remove(String kind, String namespace, String name) {
    HasMetadata old = objects.remove(key(kind, namespace, name));
    if (old != null) {
      resourceVersion++;
    }
    return Optional.ofNullable(old);
  }

  public List<HasMetadata> list(String kind, String namespace) {
    List<HasMetadata> out = new ArrayList<>();
    String prefix = namespace == null ? kind + "/" : kind + "/" + namespace + "/";
    objects.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        out.add(v);
      }
    });
    return out;
  }

  public <T extends HasMetadata> List<T> list(Class<T> type, String kind) {
    return list(kind, null).stream().filter(type::isInstance).map(type::cast).toList();
  }
}
