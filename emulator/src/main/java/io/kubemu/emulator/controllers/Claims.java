package io.kubemu.emulator.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which pods an owner controls, as client-go's ControllerRefManager claims them: its own pods that
 * still match its selector; orphans that match are adopted (a controller reference is added), and
 * its own pods that no longer match are released (the reference is removed). An owner being
 * deleted adopts nothing.
 */
public final class Claims {
  private Claims() {}

  /** The pods {@code owner} controls; the adoptions and releases to write are added to {@code actions}. */
  public static List<Pod> pods(HasMetadata owner, LabelSelector selector, List<Pod> candidates, List<Action> actions) {
    List<Pod> owned = new ArrayList<>();
    boolean ownerAlive = owner.getMetadata().getDeletionTimestamp() == null;
    for (Pod p : candidates) {
      boolean matches = Selectors.matches(selector, p.getMetadata().getLabels());
      if (Owners.controlledBy(p, owner)) {
        if (matches) {
          owned.add(p);
        } else if (ownerAlive) {
          actions.add(new Action.Update(withoutRef(p, owner)));
        }
      } else if (ObjectCache.controllerOf(p).isEmpty() && matches && ownerAlive && p.getMetadata().getDeletionTimestamp() == null) {
        Pod adopted = Owners.copy(p);
        List<OwnerReference> refs = new ArrayList<>(
            adopted.getMetadata().getOwnerReferences() == null ? List.of() : adopted.getMetadata().getOwnerReferences());
        refs.add(Owners.controllerRef(owner));
        adopted.getMetadata().setOwnerReferences(refs);
        actions.add(new Action.Update(adopted));
        owned.add(p);
      }
    }
    return owned;
  }

  private static Pod withoutRef(Pod p, HasMetadata owner) {
    Pod released = Owners.copy(p);
    released.getMetadata().setOwnerReferences(new ArrayList<>(released.getMetadata().getOwnerReferences().stream()
        .filter(r -> !owner.getMetadata().getUid().equals(r.getUid())).toList()));
    return released;
  }

  /**
   * The keys of the owners of {@code kind} that a changed pod concerns: its controller's, or for an
   * orphan every owner whose selector matches it, since one of them may adopt it.
   */
  public static <T extends HasMetadata> Collection<String> ownerKeys(HasMetadata pod, ObjectCache cache, String kind, Class<T> type,
      Function<T, LabelSelector> selector) {
    Set<String> keys = new LinkedHashSet<>();
    String ns = pod.getMetadata().getNamespace();
    ObjectCache.controllerOf(pod).ifPresentOrElse(ref -> {
      if (ref.getKind().equals(kind)) {
        keys.add(ObjectCache.key(ns, ref.getName()));
      }
    }, () -> cache.list(type, kind, ns).stream()
        .filter(o -> Selectors.matches(selector.apply(o), pod.getMetadata().getLabels()))
        .forEach(o -> keys.add(ObjectCache.key(o))));
    return keys;
  }
}
