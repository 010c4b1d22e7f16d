package io.kubemu.emulator.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A controller's view of the store (client-go's informer cache): objects by kind and
 * namespace/name, fed by watch events and by the objects the controller's own writes returned. An
 * object is replaced only by a newer resourceVersion, so a late event never undoes a newer write,
 * and a deleted one comes back only newer than its deletion, so a late write answer never undoes a delete.
 */
public final class ObjectCache {
  private static final int MAX_TOMBSTONES = 4096;
  private final Map<String, Map<String, HasMetadata>> byKind = new HashMap<>();
  /** Owner uid to the objects that name it in an owner reference, as "Kind|namespace/name". */
  private final Map<String, Set<String>> dependents = new HashMap<>();
  /**
   * The resourceVersions at which objects ("Kind|namespace/name") were deleted, the latest few
   * thousand: a write's answer that arrives after the watch reported the object gone (the write
   * that removed its last finalizer, say) must not bring it back.
   */
  private final Map<String, Long> deletedAt = new LinkedHashMap<>() {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > MAX_TOMBSTONES;
    }
  };
  private Set<String> unseen = null;

  public static String key(String namespace, String name) {
    return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
  }

  public static String key(HasMetadata o) {
    return key(o.getMetadata().getNamespace(), o.getMetadata().getName());
  }

  /** The namespace of a key ("" for a cluster-scoped object). */
  public static String namespaceOf(String key) {
    int slash = key.indexOf('/');
    return slash < 0 ? "" : key.substring(0, slash);
  }

  public static String nameOf(String key) {
    return key.substring(key.indexOf('/') + 1);
  }

  private static long version(HasMetadata o) {
    String rv = o.getMetadata().getResourceVersion();
    try {
      return rv == null ? 0 : Long.parseLong(rv);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The initial events of a (re)started watch begin: what they do not mention is gone at {@link #sweep}. */
  public void beginResync() {
    deletedAt.clear();
    unseen = new HashSet<>();
    byKind.forEach((kind, objects) -> objects.keySet().forEach(k -> unseen.add(kind + "|" + k)));
  }

  /** The initial events ended: removes what they did not mention, and returns those objects. */
  public List<HasMetadata> sweep() {
    List<HasMetadata> gone = new ArrayList<>();
    if (unseen != null) {
      for (String u : unseen) {
        int bar = u.indexOf('|');
        HasMetadata o = byKind.getOrDefault(u.substring(0, bar), Map.of()).remove(u.substring(bar + 1));
        if (o != null) {
          unindex(o);
          gone.add(o);
        }
      }
      unseen = null;
    }
    return gone;
  }

  /** Applies a watch event: ADDED and MODIFIED store the object unless a newer one is held, DELETED removes it. */
  public void apply(String type, HasMetadata o) {
    String k = key(o);
    Map<String, HasMetadata> objects = byKind.computeIfAbsent(o.getKind(), x -> new TreeMap<>());
    if (unseen != null) {
      unseen.remove(o.getKind() + "|" + k);
    }
    HasMetadata held = objects.get(k);
    String tombstone = o.getKind() + "|" + k;
    if (type.equals("DELETED")) {
      if (held != null && version(held) <= version(o)) {
        objects.remove(k);
        unindex(held);
        deletedAt.put(tombstone, version(o));
      }
    } else if (held == null && deletedAt.getOrDefault(tombstone, -1L) >= version(o)) {
      return;
    } else if (held == null || version(held) < version(o)) {
      deletedAt.remove(tombstone);
      if (held != null) {
        unindex(held);
      }
      objects.put(k, o);
      index(o);
    }
  }

  private void index(HasMetadata o) {
    if (o.getMetadata().getOwnerReferences() != null) {
      o.getMetadata().getOwnerReferences().forEach(r -> dependents.computeIfAbsent(r.getUid(), u -> new HashSet<>()).add(o.getKind() + "|" + key(o)));
    }
  }

  private void unindex(HasMetadata o) {
    if (o.getMetadata().getOwnerReferences() != null) {
      for (OwnerReference r : o.getMetadata().getOwnerReferences()) {
        Set<String> s = dependents.get(r.getUid());
        if (s != null && s.remove(o.getKind() + "|" + key(o)) && s.isEmpty()) {
          dependents.remove(r.getUid());
        }
      }
    }
  }

  /** The objects with an owner reference to {@code ownerUid}. */
  public List<HasMetadata> dependents(String ownerUid) {
    List<HasMetadata> out = new ArrayList<>();
    for (String d : dependents.getOrDefault(ownerUid, Set.of())) {
      int bar = d.indexOf('|');
      HasMetadata o = byKind.getOrDefault(d.substring(0, bar), Map.of()).get(d.substring(bar + 1));
      if (o != null) {
        out.add(o);
      }
    }
    return out;
  }

  /** An object a write returned: the cache sees it before its watch event arrives. */
  public void observe(HasMetadata written) {
    apply("MODIFIED", written);
  }

  public <T extends HasMetadata> Optional<T> get(Class<T> type, String kind, String namespace, String name) {
    HasMetadata o = byKind.getOrDefault(kind, Map.of()).get(key(namespace, name));
    return type.isInstance(o) ? Optional.of(type.cast(o)) : Optional.empty();
  }

  /** The objects of a kind, in one namespace (null: all), in name order. */
  public <T extends HasMetadata> List<T> list(Class<T> type, String kind, String namespace) {
    List<T> out = new ArrayList<>();
    for (HasMetadata o : byKind.getOrDefault(kind, Map.of()).values()) {
      if (type.isInstance(o) && (namespace == null || namespace.equals(o.getMetadata().getNamespace()))) {
        out.add(type.cast(o));
      }
    }
    return out;
  }

  /** Every object of every kind followed, for the garbage collector. */
  public List<HasMetadata> all() {
    List<HasMetadata> out = new ArrayList<>();
    byKind.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  /** Whether an object with this uid is held (of any kind), for owner lookups. */
  public Optional<HasMetadata> byUid(String kind, String namespace, String name, String uid) {
    HasMetadata o = byKind.getOrDefault(kind, Map.of()).get(key(namespace, name));
    return o != null && uid.equals(o.getMetadata().getUid()) ? Optional.of(o) : Optional.empty();
  }

  /** The controller owner reference of an object, if it has one. */
  public static Optional<OwnerReference> controllerOf(HasMetadata o) {
    List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
    return refs == null ? Optional.empty() : refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
  }
}
