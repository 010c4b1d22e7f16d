package io.kubemu.emulator.controllers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubemu.emulator.controlplane.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A cluster for workload controller tests, with no actors: an {@link ObjectCache} that the
 * reconciler's actions are applied to as the API store would apply them (names from generateName,
 * uids, increasing resourceVersions, generation counted on spec changes, status kept apart, stale
 * writes refused), a clock the test moves, and pods the test marks Running, Ready, Succeeded or
 * Failed as a kubelet would. Pod deletion is immediate, or with {@link #gracefulPodDeletion} marks
 * the pod terminating until {@link #finishTerminating}. Events are kept apart, in {@link #events}.
 */
public final class FakeWorkloadCluster {
  private final ObjectCache cache = new ObjectCache();
  private long version = 100;
  private int serial;
  private Instant now = Instant.parse("2024-05-01T10:00:00Z");
  /** Every write applied, in order. */
  public final List<Action> applied = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  /** The last RequeueAfter a reconcile asked for, or null. */
  public Duration requeue;
  public boolean gracefulPodDeletion;

  public ObjectCache cache() {
    return cache;
  }

  public Instant now() {
    return now;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  private String stamp() {
    return now.toString();
  }

  /** Stores a new object as the API store creates one; returns the stored copy. */
  public <T extends HasMetadata> T add(T object) {
    T o = Owners.copy(object);
    if (o.getMetadata().getName() == null) {
      o.getMetadata().setName(o.getMetadata().getGenerateName() + "x" + (serial + 1));
    }
    if (cache.get(HasMetadata.class, o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName()).isPresent()) {
      fail("create of an existing " + o.getKind() + " " + o.getMetadata().getName());
    }
    o.getMetadata().setUid("uid-" + (++serial));
    o.getMetadata().setCreationTimestamp(stamp());
    if (tree(o).has("spec")) {
      o.getMetadata().setGeneration(1L);
    }
    return store(o);
  }

  /** Replaces an object's spec and metadata (its status kept), as a client's update; the generation counts spec changes. */
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> T update(T object) {
    HasMetadata old = current(object);
    String rv = object.getMetadata().getResourceVersion();
    if (rv != null && !rv.equals(old.getMetadata().getResourceVersion())) {
      fail("stale update of " + object.getKind() + " " + object.getMetadata().getName() + " at " + rv);
    }
    ObjectNode next = tree(object);
    ObjectNode before = tree(old);
    next.set("status", before.get("status"));
    ObjectNode meta = (ObjectNode) next.get("metadata");
    meta.put("uid", old.getMetadata().getUid()).put("creationTimestamp", old.getMetadata().getCreationTimestamp());
    if (old.getMetadata().getGeneration() != null) {
      boolean specChanged = !Objects.equals(before.get("spec"), next.get("spec"));
      meta.put("generation", old.getMetadata().getGeneration() + (specChanged ? 1 : 0));
    }
    return (T) store(Json.read(Json.write(next)));
  }

  private HasMetadata current(HasMetadata o) {
    return cache.get(HasMetadata.class, o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName())
        .orElseThrow(() -> new AssertionError("no " + o.getKind() + " " + o.getMetadata().getName()));
  }

  private static ObjectNode tree(HasMetadata o) {
    return (ObjectNode) Json.MAPPER.valueToTree(o);
  }

  private <T extends HasMetadata> T store(T o) {
    o.getMetadata().setResourceVersion(Long.toString(++version));
    cache.apply("MODIFIED", o);
    return Owners.copy(o);
  }

  public void delete(String kind, String namespace, String name) {
    HasMetadata o = cache.get(HasMetadata.class, kind, namespace, name).orElse(null);
    if (o == null) {
      return;
    }
    if (o instanceof Pod && gracefulPodDeletion) {
      if (o.getMetadata().getDeletionTimestamp() == null) {
        HasMetadata marked = Owners.copy(o);
        marked.getMetadata().setDeletionTimestamp(stamp());
        store(marked);
      }
      return;
    }
    HasMetadata gone = Owners.copy(o);
    gone.getMetadata().setResourceVersion(Long.toString(++version));
    cache.apply("DELETED", gone);
  }

  /** The kubelet confirmed every terminating pod is gone. */
  public void finishTerminating() {
    for (Pod p : cache.list(Pod.class, "Pod", null)) {
      if (p.getMetadata().getDeletionTimestamp() != null) {
        Pod gone = Owners.copy(p);
        gone.getMetadata().setResourceVersion(Long.toString(++version));
        cache.apply("DELETED", gone);
      }
    }
  }

  /** One reconcile of {@code key}, its writes applied; checks that it left the cache's objects alone. */
  public List<Action> reconcile(Reconciler r, String key) {
    String before = Json.write(cache.all());
    List<Action> actions = r.reconcile(key, cache, now);
    assertEquals(before, Json.write(cache.all()), "reconcile changed objects of the cache");
    requeue = null;
    for (Action a : actions) {
      if (a instanceof Action.RequeueAfter q) {
        requeue = q.after();
        continue;
      }
      if (a instanceof Action.Create c && c.object() instanceof Event e) {
        events.add(e);
        continue;
      }
      Action.Answer answer;
      if (a instanceof Action.Create c) {
        answer = Action.Answer.ok(add(c.object()));
      } else if (a instanceof Action.Update u) {
        answer = Action.Answer.ok(update(u.object()));
      } else if (a instanceof Action.UpdateStatus s) {
        answer = Action.Answer.ok(updateStatus(s.object()));
      } else {
        Action.Delete d = (Action.Delete) a;
        boolean found = cache.get(HasMetadata.class, d.kind(), d.namespace(), d.name()).isPresent();
        delete(d.kind(), d.namespace(), d.name());
        answer = found ? new Action.Answer(200, null, null) : Action.Answer.failed(404, "not found");
      }
      ((Action.Write) a).then().event(answer).ifPresent(events::add);
      applied.add(a);
    }
    return actions;
  }

  /** "reason: message" of the Events recorded (created, or from a write's answer), oldest first. */
  public List<String> events() {
    return events.stream().map(e -> e.getReason() + ": " + e.getMessage()).toList();
  }

  /** The Events recorded, as written. */
  public List<Event> recorded() {
    return events;
  }

  /** Reconciles until a pass writes nothing; returns the writes of all passes. */
  public List<Action> settle(Reconciler r, String key) {
    List<Action> all = new ArrayList<>();
    for (int pass = 0; pass < 50; pass++) {
      List<Action> writes = reconcile(r, key).stream().filter(a -> !(a instanceof Action.RequeueAfter)).toList();
      if (writes.isEmpty()) {
        return all;
      }
      all.addAll(writes);
    }
    throw new AssertionError("no steady state after 50 passes; last writes: " + all.subList(Math.max(0, all.size() - 5), all.size()));
  }

  private HasMetadata updateStatus(HasMetadata object) {
    HasMetadata old = current(object);
    if (!Objects.equals(object.getMetadata().getResourceVersion(), old.getMetadata().getResourceVersion())) {
      fail("stale status update of " + object.getKind() + " " + object.getMetadata().getName());
    }
    ObjectNode next = tree(old);
    JsonNode status = tree(object).get("status");
    next.set("status", status);
    return store(Json.read(Json.write(next)));
  }

  /** A copy of the stored pod (tests change copies, never the cache's objects). */
  public Pod pod(String namespace, String name) {
    return get(Pod.class, "Pod", namespace, name);
  }

  /** Copies of the pods of a namespace that are not terminating, by name. */
  public List<Pod> livePods(String namespace) {
    return cache.list(Pod.class, "Pod", namespace).stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).map(Owners::copy).toList();
  }

  public <T extends HasMetadata> T get(Class<T> type, String kind, String namespace, String name) {
    return Owners.copy(cache.get(type, kind, namespace, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name)));
  }

  /** The kubelet reports the pod Running, Ready or not (readiness changes stamp the Ready condition with the clock). */
  public void running(Pod pod, boolean ready) {
    setStatus(pod, "Running", ready, List.of(container(0, null)));
  }

  public void succeeded(Pod pod) {
    setStatus(pod, "Succeeded", false, List.of(container(0, 0)));
  }

  public void failed(Pod pod) {
    setStatus(pod, "Failed", false, List.of(container(0, 1)));
  }

  /** A container restarted by the kubelet (restartPolicy OnFailure or Always) {@code restarts} times; the pod stays Running. */
  public void restarted(Pod pod, int restarts) {
    setStatus(pod, "Running", false, List.of(container(restarts, null)));
  }

  private ContainerStatus container(int restarts, Integer exitCode) {
    ContainerStatusBuilder b = new ContainerStatusBuilder().withName("c").withRestartCount(restarts).withReady(exitCode == null);
    return (exitCode == null ? b.withNewState().withNewRunning().withStartedAt(stamp()).endRunning().endState()
        : b.withNewState().withNewTerminated().withExitCode(exitCode).withFinishedAt(stamp()).endTerminated().endState()).build();
  }

  private void setStatus(Pod pod, String phase, boolean ready, List<ContainerStatus> containers) {
    Pod p = pod(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    boolean wasReady = Pods.isReady(p);
    String since = wasReady == ready ? Pods.readySince(p).map(Instant::toString).orElse(stamp()) : stamp();
    PodStatus s = new PodStatus();
    s.setPhase(phase);
    s.setStartTime(stamp());
    s.setContainerStatuses(containers);
    s.setConditions(List.of(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
        .withLastTransitionTime(since).build()));
    p.setStatus(s);
    store(p);
  }
}
