package io.kubemu.emulator.controllers.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubemu.emulator.controllers.Action;
import io.kubemu.emulator.controllers.ObjectCache;
import io.kubemu.emulator.controllers.Owners;
import io.kubemu.emulator.controllers.Reconciler;
import io.kubemu.protocols.api.KnownKinds;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The garbage collector, as Kubernetes runs it: an object none of whose owners exists any more is
 * deleted (background cascading deletion); dangling owner references are dropped; an owner deleted
 * with propagationPolicy Foreground (finalizer foregroundDeletion) goes once its dependents are
 * gone, and one deleted with Orphan (finalizer orphan) goes once its dependents no longer name it.
 * Keys are "Kind|namespace/name".
 */
public final class GarbageCollector implements Reconciler {
  static final String FOREGROUND = "foregroundDeletion";
  static final String ORPHAN = "orphan";

  private final List<String> kinds;

  /** Follows {@code kinds}: owner references to other kinds are left alone (their owners cannot be checked). */
  public GarbageCollector(List<String> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  @Override
  public String name() {
    return "garbagecollector";
  }

  @Override
  public List<String> kinds() {
    return kinds;
  }

  private static String key(HasMetadata o) {
    return o.getKind() + "|" + ObjectCache.key(o);
  }

  @Override
  public Collection<String> keysFor(HasMetadata changed, ObjectCache cache) {
    Set<String> keys = new LinkedHashSet<>();
    keys.add(key(changed));
    cache.dependents(changed.getMetadata().getUid()).forEach(d -> keys.add(key(d)));
    List<OwnerReference> refs = changed.getMetadata().getOwnerReferences();
    if (refs != null) {
      refs.forEach(r -> keys.add(r.getKind() + "|" + ObjectCache.key(ownerNamespace(r, changed), r.getName())));
    }
    return keys;
  }

  @Override
  public Collection<String> allKeys(ObjectCache cache) {
    return cache.all().stream()
        .filter(o -> o.getMetadata().getOwnerReferences() != null && !o.getMetadata().getOwnerReferences().isEmpty()
            || o.getMetadata().getDeletionTimestamp() != null)
        .map(GarbageCollector::key).toList();
  }

  @Override
  public List<Action> reconcile(String key, ObjectCache cache, Instant now) {
    int bar = key.indexOf('|');
    String kind = key.substring(0, bar);
    String objectKey = key.substring(bar + 1);
    String ns = ObjectCache.namespaceOf(objectKey);
    HasMetadata o = cache.get(HasMetadata.class, kind, ns.isEmpty() ? null : ns, ObjectCache.nameOf(objectKey)).orElse(null);
    if (o == null) {
      return List.of();
    }
    List<String> finalizers = o.getMetadata().getFinalizers() == null ? List.of() : o.getMetadata().getFinalizers();
    if (o.getMetadata().getDeletionTimestamp() != null && finalizers.contains(FOREGROUND)) {
      return deleteDependentsFirst(o, cache);
    }
    if (o.getMetadata().getDeletionTimestamp() != null && finalizers.contains(ORPHAN)) {
      return orphanDependents(o, cache);
    }
    List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
    if (refs == null || refs.isEmpty()) {
      return List.of();
    }
    List<OwnerReference> alive = refs.stream().filter(r -> ownerExists(r, o, cache)).toList();
    if (alive.isEmpty()) {
      return o.getMetadata().getDeletionTimestamp() == null ? List.of(Action.Delete.of(o)) : List.of();
    }
    if (alive.size() < refs.size()) {
      HasMetadata pruned = Owners.copy(o);
      pruned.getMetadata().setOwnerReferences(new ArrayList<>(alive));
      return List.of(new Action.Update(pruned));
    }
    return List.of();
  }

  private List<Action> deleteDependentsFirst(HasMetadata owner, ObjectCache cache) {
    List<HasMetadata> dependents = cache.dependents(owner.getMetadata().getUid());
    if (dependents.isEmpty()) {
      return List.of(new Action.Update(without(owner, FOREGROUND)));
    }
    List<Action> out = new ArrayList<>();
    dependents.stream().filter(d -> d.getMetadata().getDeletionTimestamp() == null)
        .forEach(d -> out.add(new Action.Delete(d.getKind(), d.getMetadata().getNamespace(), d.getMetadata().getName(), "Foreground")));
    return out;
  }

  private List<Action> orphanDependents(HasMetadata owner, ObjectCache cache) {
    List<HasMetadata> dependents = cache.dependents(owner.getMetadata().getUid());
    if (dependents.isEmpty()) {
      return List.of(new Action.Update(without(owner, ORPHAN)));
    }
    List<Action> out = new ArrayList<>();
    for (HasMetadata d : dependents) {
      HasMetadata freed = Owners.copy(d);
      freed.getMetadata().setOwnerReferences(new ArrayList<>(freed.getMetadata().getOwnerReferences().stream()
          .filter(r -> !owner.getMetadata().getUid().equals(r.getUid())).toList()));
      out.add(new Action.Update(freed));
    }
    return out;
  }

  private static HasMetadata without(HasMetadata o, String finalizer) {
    HasMetadata copy = Owners.copy(o);
    copy.getMetadata().setFinalizers(new ArrayList<>(copy.getMetadata().getFinalizers().stream().filter(f -> !f.equals(finalizer)).toList()));
    return copy;
  }

  /** Whether the owner is there with the same uid; an owner of a kind not followed counts as there. */
  private boolean ownerExists(OwnerReference r, HasMetadata dependent, ObjectCache cache) {
    if (!kinds.contains(r.getKind())) {
      return true;
    }
    String ns = ownerNamespace(r, dependent);
    Optional<HasMetadata> owner = cache.byUid(r.getKind(), ns.isEmpty() ? null : ns, r.getName(), r.getUid());
    return owner.isPresent();
  }

  /** Owners of namespaced dependents are in the same namespace, unless the owner's kind is cluster-scoped. */
  private static String ownerNamespace(OwnerReference r, HasMetadata dependent) {
    boolean namespaced = KnownKinds.findKind(r.getKind()).map(KnownKinds.Kind::namespaced).orElse(true);
    String ns = dependent.getMetadata().getNamespace();
    return namespaced && ns != null ? ns : "";
  }
}
