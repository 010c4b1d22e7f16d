package io.kubemu.emulator.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.kubemu.emulator.controlplane.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An API server and kubelet in a test's hands, with no actors: applies reconcilers' actions to an
 * {@link ObjectCache} as the API store would (resourceVersions and uids counting up, conditional
 * writes, generateName, the status subresource, metadata.generation on spec changes, finalizers on
 * delete), and makes pods ready when the test says. Time moves only by {@link #advance}.
 * Conflicts and writes that change nothing are recorded, for tests to check controllers make none.
 */
public final class FakeCluster {
  /** Kinds whose status only UpdateStatus writes, and whose spec changes count up metadata.generation. */
  private static final Set<String> STATUS_SUBRESOURCE = Set.of("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job");

  private final ObjectCache cache = new ObjectCache();
  private final List<String> conflicts = new ArrayList<>();
  private final List<String> noOpWrites = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private final Map<String, Duration> requeues = new HashMap<>();
  private long resourceVersion;
  private long serial;
  private Instant now;
  private boolean gracefulPods;

  public FakeCluster(Instant start) {
    this.now = start.truncatedTo(ChronoUnit.SECONDS);
  }

  public ObjectCache cache() {
    return cache;
  }

  public Instant now() {
    return now;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  /** Deleted pods on a node stay, with a deletionTimestamp, until {@link #finishTerminating}, as a kubelet stops them. */
  public void podsTerminateGracefully(boolean graceful) {
    this.gracefulPods = graceful;
  }

  public List<String> conflicts() {
    return conflicts;
  }

  public List<String> noOpWrites() {
    return noOpWrites;
  }

  /** The last RequeueAfter a reconciler asked for a key, by "name|key". */
  public Map<String, Duration> requeues() {
    return requeues;
  }

  public <T extends HasMetadata> T get(Class<T> type, String kind, String namespace, String name) {
    return cache.get(type, kind, namespace, name).map(Owners::copy).orElse(null);
  }

  public <T extends HasMetadata> List<T> list(Class<T> type, String kind, String namespace) {
    return cache.list(type, kind, namespace).stream().map(Owners::copy).toList();
  }

  /** Creates (as a user would); returns the stored object. */
  public <T extends HasMetadata> T create(T o) {
    apply(List.of(new Action.Create(o)));
    return get(classOf(o), o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName());
  }

  /** Replaces, unconditionally unless {@code o} carries a resourceVersion (as kubectl replace and patch do). */
  public void update(HasMetadata o) {
    apply(List.of(new Action.Update(o)));
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> Class<T> classOf(T o) {
    return (Class<T>) o.getClass();
  }

  /**
   * Applies actions in order; returns how many changed something. Events (created directly, or
   * recorded from a write's answer) are kept apart in {@link #events}, not in the cache.
   */
  public int apply(List<Action> actions) {
    int changed = 0;
    for (Action a : actions) {
      if (a instanceof Action.Create c && c.object() instanceof Event e) {
        events.add(e);
        continue;
      }
      if (!(a instanceof Action.Write w)) {
        continue;
      }
      int conflictsBefore = conflicts.size();
      HasMetadata o = a instanceof Action.Create c ? Owners.copy(c.object()) : a instanceof Action.Update u ? Owners.copy(u.object())
          : a instanceof Action.UpdateStatus s ? Owners.copy(s.object()) : null;
      int n = a instanceof Action.Create ? create(o, a) : a instanceof Action.Update ? update(o, false, a)
          : a instanceof Action.UpdateStatus ? update(o, true, a) : delete((Action.Delete) a);
      changed += n;
      w.then().event(answer(o, a, conflictsBefore, n)).ifPresent(events::add);
    }
    return changed;
  }

  /** What the API server would have answered {@code a}, which wrote {@code o} (null for a delete) and changed {@code n} objects. */
  private Action.Answer answer(HasMetadata o, Action a, int conflictsBefore, int n) {
    if (conflicts.size() > conflictsBefore) {
      String why = conflicts.get(conflicts.size() - 1);
      return Action.Answer.failed(why.startsWith("NotFound") ? 404 : 409, why);
    }
    if (o == null) {
      return n == 0 && a instanceof Action.Delete d && cache.get(HasMetadata.class, d.kind(), d.namespace(), d.name()).isEmpty()
          ? Action.Answer.failed(404, "NotFound: " + d.name()) : new Action.Answer(200, null, null);
    }
    return Action.Answer.ok(cache.get(HasMetadata.class, o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName())
        .map(Owners::copy).orElse(o));
  }

  /** The Events recorded so far, oldest first. */
  public List<Event> events() {
    return events;
  }

  /** "reason: message" of each Event recorded about {@code kind} {@code name}, oldest first. */
  public List<String> events(String kind, String name) {
    return events.stream().filter(e -> kind.equals(e.getInvolvedObject().getKind()) && name.equals(e.getInvolvedObject().getName()))
        .map(e -> e.getReason() + ": " + e.getMessage()).toList();
  }

  /** Reconciles one key and applies the result; returns how many writes changed something. */
  public int reconcile(Reconciler r, String key) {
    List<Action> actions = r.reconcile(key, cache, now);
    actions.stream().filter(a -> a instanceof Action.RequeueAfter).forEach(a -> requeues.put(r.name() + "|" + key, ((Action.RequeueAfter) a).after()));
    return apply(actions);
  }

  /** Reconciles every key of {@code r} once. */
  public int reconcileAll(Reconciler r) {
    int changed = 0;
    for (String key : List.copyOf(r.allKeys(cache))) {
      changed += reconcile(r, key);
    }
    return changed;
  }

  /** Runs the reconcilers in turn until a whole round changes nothing; returns the rounds that did. */
  public int settle(Reconciler... reconcilers) {
    for (int round = 0; round < 200; round++) {
      int changed = 0;
      for (Reconciler r : reconcilers) {
        changed += reconcileAll(r);
      }
      if (changed == 0) {
        return round;
      }
    }
    throw new AssertionError("no steady state after 200 rounds");
  }

  /** The kubelet: up to {@code max} active pods that match and are not ready become Running and Ready now, on node w1. */
  public int makeReady(Predicate<Pod> which, int max) {
    int n = 0;
    for (Pod p : list(Pod.class, "Pod", null)) {
      if (n < max && which.test(p) && Pods.isActive(p) && !Pods.isReady(p)) {
        p.getSpec().setNodeName("w1");
        PodStatus s = new PodStatus();
        s.setPhase("Running");
        PodCondition ready = new PodCondition();
        ready.setType("Ready");
        ready.setStatus("True");
        ready.setLastTransitionTime(time(now));
        s.setConditions(new ArrayList<>(List.of(ready)));
        p.setStatus(s);
        HasMetadata stored = cache.get(Pod.class, "Pod", p.getMetadata().getNamespace(), p.getMetadata().getName()).orElseThrow();
        put(p, stored);
        n++;
      }
    }
    return n;
  }

  public int makeAllReady() {
    return makeReady(p -> true, Integer.MAX_VALUE);
  }

  /** Pods being deleted stop: they go from the store. */
  public int finishTerminating() {
    List<Pod> going = list(Pod.class, "Pod", null).stream().filter(p -> p.getMetadata().getDeletionTimestamp() != null).toList();
    going.forEach(this::remove);
    return going.size();
  }

  private int create(HasMetadata o, Action a) {
    var meta = o.getMetadata();
    if ((meta.getName() == null || meta.getName().isEmpty()) && meta.getGenerateName() != null) {
      meta.setName(meta.getGenerateName() + suffix(++serial));
    }
    if (cache.get(HasMetadata.class, o.getKind(), meta.getNamespace(), meta.getName()).isPresent()) {
      conflicts.add("AlreadyExists: " + describe(a, o));
      return 0;
    }
    meta.setUid("uid-" + (++serial));
    meta.setCreationTimestamp(time(now));
    meta.setDeletionTimestamp(null);
    if (STATUS_SUBRESOURCE.contains(o.getKind())) {
      meta.setGeneration(1L);
    }
    put(o, null);
    return 1;
  }

  private int update(HasMetadata o, boolean statusOnly, Action a) {
    HasMetadata old = cache.get(HasMetadata.class, o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName()).orElse(null);
    String version = o.getMetadata().getResourceVersion();
    if (old == null || version != null && !version.isEmpty() && !version.equals(old.getMetadata().getResourceVersion())) {
      conflicts.add((old == null ? "NotFound: " : "Conflict: ") + describe(a, o));
      return 0;
    }
    ObjectNode prev = Json.MAPPER.valueToTree(old);
    ObjectNode next = statusOnly ? prev.deepCopy() : Json.MAPPER.valueToTree(o);
    JsonNode status = statusOnly ? Json.MAPPER.valueToTree(o).get("status") : prev.get("status");
    if (statusOnly || STATUS_SUBRESOURCE.contains(o.getKind()) || o instanceof Pod) {
      setOrRemove(next, "status", status);
    }
    ObjectNode meta = (ObjectNode) next.get("metadata");
    for (String kept : List.of("uid", "creationTimestamp", "deletionTimestamp", "generation", "resourceVersion")) {
      setOrRemove(meta, kept, prev.get("metadata").get(kept));
    }
    if (STATUS_SUBRESOURCE.contains(o.getKind()) && !Objects.equals(prev.get("spec"), next.get("spec"))) {
      meta.put("generation", old.getMetadata().getGeneration() + 1);
    }
    if (prev.equals(next)) {
      noOpWrites.add(describe(a, o));
      return 0;
    }
    HasMetadata updated = Json.read(Json.write(next));
    List<String> finalizers = updated.getMetadata().getFinalizers();
    if (updated.getMetadata().getDeletionTimestamp() != null && (finalizers == null || finalizers.isEmpty()) && !(updated instanceof Pod)) {
      remove(updated);
    } else {
      put(updated, old);
    }
    return 1;
  }

  private int delete(Action.Delete d) {
    HasMetadata o = cache.get(HasMetadata.class, d.kind(), d.namespace(), d.name()).map(Owners::copy).orElse(null);
    if (o == null || o.getMetadata().getDeletionTimestamp() != null) {
      return 0;
    }
    String finalizer = "Orphan".equals(d.propagationPolicy()) ? "orphan" : "Foreground".equals(d.propagationPolicy()) ? "foregroundDeletion" : null;
    List<String> finalizers = new ArrayList<>(o.getMetadata().getFinalizers() == null ? List.of() : o.getMetadata().getFinalizers());
    if (finalizer != null) {
      finalizers.add(finalizer);
    }
    boolean graceful = o instanceof Pod p && gracefulPods && p.getSpec().getNodeName() != null;
    if (finalizers.isEmpty() && !graceful) {
      remove(o);
    } else {
      o.getMetadata().setFinalizers(finalizers);
      o.getMetadata().setDeletionTimestamp(time(now));
      put(o, o);
    }
    return 1;
  }

  private void put(HasMetadata o, HasMetadata old) {
    o.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
    cache.apply(old == null ? "ADDED" : "MODIFIED", Owners.copy(o));
  }

  private void remove(HasMetadata o) {
    HasMetadata gone = Owners.copy(o);
    gone.getMetadata().setResourceVersion(Long.toString(++resourceVersion));
    cache.apply("DELETED", gone);
  }

  private static void setOrRemove(ObjectNode node, String field, JsonNode value) {
    if (value == null || value.isNull()) {
      node.remove(field);
    } else {
      node.set(field, value);
    }
  }

  private static String describe(Action a, HasMetadata o) {
    return a.getClass().getSimpleName() + " " + o.getKind() + " " + ObjectCache.key(o);
  }

  /** A five-character generateName suffix from the API server's alphabet, counting up. */
  private static String suffix(long n) {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 5; i++, n /= alphabet.length()) {
      b.append(alphabet.charAt((int) (n % alphabet.length())));
    }
    return b.toString();
  }

  /** A timestamp as the API writes it. */
  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
