package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Versioned Kubernetes objects by kind, namespace and name. Every write bumps the store's
 * resourceVersion and stamps it on the object; creation fills creationTimestamp, and the uid unless
 * admission gave one. Every change is kept in a bounded {@link ChangeLog} for watches and handed to
 * a listener as it happens. Pure data, owned by the API store actor.
 */
public final class ObjectStore {
  public static final int DEFAULT_HISTORY = 10_000;

  private final TreeMap<String, HasMetadata> objects = new TreeMap<>();
  private final ChangeLog history;
  private final Consumer<ChangeLog.Change> listener;
  private final ServiceAllocations services;
  private long resourceVersion = 1;

  public ObjectStore() {
    this(DEFAULT_HISTORY, c -> {});
  }

  public ObjectStore(int historyLimit, Consumer<ChangeLog.Change> listener) {
    this(historyLimit, listener, ServiceNetwork.DEFAULT);
  }

  /** With Services given addresses and ports from {@code network}. */
  public ObjectStore(int historyLimit, Consumer<ChangeLog.Change> listener, ServiceNetwork network) {
    this.history = new ChangeLog(historyLimit);
    this.history.reached(resourceVersion);
    this.listener = listener;
    this.services = new ServiceAllocations(network);
  }

  /** What the stored Services hold of the service CIDR and the node ports, kept in step with every write. */
  ServiceAllocations services() {
    return services;
  }

  /** Gives back what admission reserved for Services that were then not stored (a refused create or apply). */
  void settleAllocations() {
    services.settle(key -> get(Service.class, "Service", key.substring(0, key.indexOf('/')), key.substring(key.indexOf('/') + 1))
        .orElse(null));
  }

  /** Where an object is kept: its kind, namespace and name, also the key replicas store it under. */
  static String key(String kind, String namespace, String name) {
    return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
  }

  public long resourceVersion() {
    return resourceVersion;
  }

  public ChangeLog history() {
    return history;
  }

  /**
   * Records a change of an object kept elsewhere (Nodes, from the node registry), stamping a new
   * version on it. The last state is kept too, so that replicas have it and a store that takes
   * over knows every node that was registered.
   */
  public void recordExternal(String type, HasMetadata obj) {
    obj.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
    String k = key(obj.getKind(), obj.getMetadata().getNamespace(), obj.getMetadata().getName());
    if (type.equals("DELETED")) {
      objects.remove(k);
    } else {
      objects.put(k, obj);
    }
    record(type, obj);
  }

  private void record(String type, HasMetadata obj) {
    if (obj instanceof Service svc) {
      services.stored(ServiceAllocations.key(svc), type.equals("DELETED") ? null : svc);
    }
    ChangeLog.Change c = new ChangeLog.Change(type, obj.getKind(), obj.getMetadata().getNamespace(), obj.getMetadata().getName(),
        resourceVersion, Json.write(obj));
    history.add(c);
    listener.accept(c);
  }

  /**
   * Starts an empty store from a replica's copy: the objects keep their versions, uids and
   * timestamps, versions continue after {@code version}, and watches cannot start before it.
   * Nothing is recorded. Returns the texts that are not objects, which are left out.
   */
  public List<String> restore(long version, Collection<String> objectJsons) {
    List<String> unreadable = new ArrayList<>();
    for (String json : objectJsons) {
      try {
        HasMetadata obj = Json.read(json);
        objects.put(key(obj.getKind(), obj.getMetadata().getNamespace(), obj.getMetadata().getName()), obj);
      } catch (RuntimeException e) {
        unreadable.add(json);
      }
    }
    resourceVersion = Math.max(resourceVersion, version);
    history.startAt(resourceVersion);
    services.rebuild(list(Service.class, "Service"));
    return unreadable;
  }

  /** Every object as JSON by key, as a replica holds them. */
  public Map<String, String> snapshot() {
    Map<String, String> out = new TreeMap<>();
    objects.forEach((k, v) -> out.put(k, Json.write(v)));
    return out;
  }

  public Optional<HasMetadata> get(String kind, String namespace, String name) {
    return Optional.ofNullable(objects.get(key(kind, namespace, name)));
  }

  public <T extends HasMetadata> Optional<T> get(Class<T> type, String kind, String namespace, String name) {
    return get(kind, namespace, name).filter(type::isInstance).map(type::cast);
  }

  /**
   * Stores {@code obj} (as {@link Strategies} prepared it); returns "created", "configured" or
   * "unchanged" as kubectl apply prints.
   */
  public String put(HasMetadata obj) {
    String ns = obj.getMetadata().getNamespace();
    String k = key(obj.getKind(), ns, obj.getMetadata().getName());
    HasMetadata old = objects.get(k);
    if (old == null) {
      if (obj.getMetadata().getUid() == null) {
        obj.getMetadata().setUid(UUID.randomUUID().toString());
      }
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
    record(old == null ? "ADDED" : "MODIFIED", obj);
    return old == null ? "created" : "configured";
  }

  /** Writes a changed object back (status updates), bumping its resourceVersion. */
  public void update(HasMetadata obj) {
    obj.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
    objects.put(key(obj.getKind(), obj.getMetadata().getNamespace(), obj.getMetadata().getName()), obj);
    record("MODIFIED", obj);
  }

  /** Removes an object; its DELETED event carries the last state stamped with the new version. */
  public Optional<HasMetadata> remove(String kind, String namespace, String name) {
    HasMetadata old = objects.remove(key(kind, namespace, name));
    if (old != null) {
      old.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
      record("DELETED", old);
    }
    return Optional.ofNullable(old);
  }

  public List<HasMetadata> list(String kind, String namespace) {
    List<HasMetadata> out = new ArrayList<>();
    String prefix = namespace == null ? kind + "/" : kind + "/" + namespace + "/";
    out.addAll(objects.subMap(prefix, prefix + Character.MAX_VALUE).values());
    return out;
  }

  public <T extends HasMetadata> List<T> list(Class<T> type, String kind) {
    return list(kind, null).stream().filter(type::isInstance).map(type::cast).toList();
  }
}
