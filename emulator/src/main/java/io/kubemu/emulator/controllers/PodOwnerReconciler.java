package io.kubemu.emulator.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * What the controllers of a kind that owns pods through a selector share (ReplicaSet, StatefulSet,
 * Job): they watch their kind and Pods, a pod concerns its controller (or, as an orphan, the owners
 * whose selector matches it), and an owner being deleted is left to the garbage collector.
 */
public abstract class PodOwnerReconciler<T extends HasMetadata> implements Reconciler {
  private final String kind;
  private final Class<T> type;
  private final Function<T, LabelSelector> selector;

  protected PodOwnerReconciler(String kind, Class<T> type, Function<T, LabelSelector> selector) {
    this.kind = kind;
    this.type = type;
    this.selector = selector;
  }

  @Override
  public List<String> kinds() {
    return List.of(kind, "Pod");
  }

  @Override
  public Collection<String> keysFor(HasMetadata changed, ObjectCache cache) {
    if (type.isInstance(changed)) {
      return List.of(ObjectCache.key(changed));
    }
    return Claims.ownerKeys(changed, cache, kind, type, selector);
  }

  @Override
  public Collection<String> allKeys(ObjectCache cache) {
    return cache.list(type, kind, null).stream().map(ObjectCache::key).toList();
  }

  @Override
  public final List<Action> reconcile(String key, ObjectCache cache, Instant now) {
    T owner = cache.get(type, kind, ObjectCache.namespaceOf(key), ObjectCache.nameOf(key)).orElse(null);
    if (owner == null || owner.getMetadata().getDeletionTimestamp() != null) {
      return List.of();
    }
    return reconcile(owner, cache, now);
  }

  /** What must change for {@code owner}, which exists and is not being deleted. */
  protected abstract List<Action> reconcile(T owner, ObjectCache cache, Instant now);
}
