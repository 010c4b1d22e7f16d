package io.kubemu.emulator.controllers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * A controller's logic, free of actors: which kinds it follows, which keys a change concerns, and
 * the pure reconcile that compares what is with what should be. {@link Controller} runs it.
 * Reconcile must not change the objects of the cache; it copies what it writes.
 */
public interface Reconciler {
  /** The controller's name, as kube-controller-manager names its controllers (replicaset, deployment). */
  String name();

  /** The kinds whose objects the controller reads. */
  List<String> kinds();

  /** The keys to reconcile when {@code changed} was added, modified or deleted. */
  Collection<String> keysFor(HasMetadata changed, ObjectCache cache);

  /** Every key, reconciled once when the cache has synced. */
  Collection<String> allKeys(ObjectCache cache);

  /** What must change for {@code key} to match its desired state; empty when nothing. */
  List<Action> reconcile(String key, ObjectCache cache, Instant now);
}
