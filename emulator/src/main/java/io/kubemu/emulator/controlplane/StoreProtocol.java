package io.kubemu.emulator.controlplane;

import io.kubemu.nodes.agent.KubeletReport;
import io.kubemu.nodes.agent.NodeAgent;
import io.kubemu.nodes.pod.ExecOutput;
import io.kubemu.nodes.pod.ExecResult;
import io.kubemu.protocols.ClusterMessage;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;

/** The messages the API store understands. Objects travel as JSON text, so any Kubernetes kind crosses JVMs. */
public final class StoreProtocol {
  private StoreProtocol() {}

  public interface Command extends ClusterMessage {}

  /** Creates or updates every object, or none: a validation error in one refuses the whole set. */
  public record Apply(List<String> objects, ActorRef<ApplyResult> replyTo) implements Command {}

  public record ApplyResult(List<String> lines, int status, String errorJson) implements ClusterMessage {}

  /** Lists objects of a kind (e.g. "Pod"), in one namespace or all (namespace null). */
  public record ListObjects(String kind, String namespace, ActorRef<ObjectList> replyTo) implements Command {}

  public record ObjectList(String kind, long resourceVersion, List<String> items) implements ClusterMessage {}

  /** Creates one object (REST POST): 201 with the stored object, or 409 AlreadyExists; metadata.generateName is honoured. */
  public record Create(String kind, String namespace, String objectJson, ActorRef<WriteResult> replyTo) implements Command {}

  /** Reads one object (REST GET): 200 with the object, or 404 NotFound. Nodes come from the node registry. */
  public record Get(String kind, String namespace, String name, ActorRef<WriteResult> replyTo) implements Command {}

  /**
   * Replaces one object (REST PUT); a resourceVersion other than the stored one is a 409 Conflict, none
   * is unconditional. {@code subresource} is "" for the object itself (its status is kept), "status"
   * (only the status changes) or "scale" (the body is an autoscaling/v1 Scale).
   */
  public record Update(String kind, String namespace, String name, String objectJson, String subresource,
      ActorRef<WriteResult> replyTo) implements Command {
    public Update(String kind, String namespace, String name, String objectJson, ActorRef<WriteResult> replyTo) {
      this(kind, namespace, name, objectJson, "", replyTo);
    }
  }

  /**
   * Patches one object, then admits the result as an update of {@code subresource}. {@code patchType} is
   * the media type: JSON patch, JSON merge patch or strategic merge patch ({@link Patches#TYPES}).
   */
  public record Patch(String kind, String namespace, String name, String patchType, String patchJson, String subresource,
      ActorRef<WriteResult> replyTo) implements Command {
    /** A JSON merge patch (RFC 7386) of the object itself. */
    public Patch(String kind, String namespace, String name, String patchJson, ActorRef<WriteResult> replyTo) {
      this(kind, namespace, name, Patches.MERGE, patchJson, "", replyTo);
    }
  }

  /** The HTTP status of a get or a write and its body: the stored object, or a Status on failure. */
  public record WriteResult(int status, String json) implements ClusterMessage {}

  /**
   * Deletes one object. {@code propagationPolicy} is the DeleteOptions field: Background (null
   * means Background, kubectl's default) or Foreground let the garbage collector delete the
   * object's dependents; Orphan leaves them, with the owner reference removed.
   */
  /** {@code gracePeriodSeconds}: DeleteOptions' for a pod (null: the pod's terminationGracePeriodSeconds; 0 with force: at once). */
  public record Delete(String kind, String namespace, String name, String propagationPolicy, Long gracePeriodSeconds,
      ActorRef<DeleteResult> replyTo) implements Command {
    public Delete(String kind, String namespace, String name, String propagationPolicy, ActorRef<DeleteResult> replyTo) {
      this(kind, namespace, name, propagationPolicy, null, replyTo);
    }
  }

  public record DeleteResult(int status, String message) implements ClusterMessage {}

  /** Runs a program in a pod; with {@code output} set, its output streams there while it runs. */
  public record Exec(String namespace, String pod, String container, List<String> argv, byte[] stdin,
      long timeoutMillis, ActorRef<ExecOutput> output, ActorRef<ExecResult> replyTo) implements Command {}

  /** A capture of a node interface (pod null) or a pod interface, forwarded to the node that has it. */
  public record Capture(String node, String namespace, String pod, String iface, long millis,
      ActorRef<NodeAgent.CaptureResult> replyTo) implements Command {}

  /** Where each node agent lives, for status and benchmarks. */
  public record GetNodeAgents(ActorRef<NodeAgents> replyTo) implements Command {}

  public record NodeAgents(List<String> names, List<ActorRef<NodeAgent.Command>> agents) implements ClusterMessage {}

  /** A node agent's report, forwarded by the kubelet gateway of its host. */
  public record FromKubelet(KubeletReport report) implements Command {}

  /**
   * Watches a kind, in one namespace or all (namespace null): first the changes after
   * {@code fromResourceVersion} (0: an ADDED event per current object, as a list then watch sees
   * them), then every change as it happens, until {@link Unwatch} or the subscriber stops. A version
   * older than the history holds is answered with one ERROR event carrying a 410 Expired Status.
   */
  public record Watch(String kind, String namespace, long fromResourceVersion, ActorRef<WatchEvent> subscriber)
      implements Command {}

  /**
   * Watches several kinds with one subscriber, as controllers do: an ADDED event per current
   * object, a BOOKMARK event that ends the initial events, then every change of those kinds, in
   * the store's order (so an owner is always seen before what it owns).
   */
  public record WatchKinds(List<String> kinds, ActorRef<WatchEvent> subscriber) implements Command {}

  public record Unwatch(ActorRef<WatchEvent> subscriber) implements Command {}

  /** Asks which store answers (the singleton moves on failover): a watch relay follows that one and ends when it is gone. */
  public record WhoIsStore(ActorRef<StoreIs> replyTo) implements Command {}

  public record StoreIs(ActorRef<Command> store) implements ClusterMessage {}

  /** A watch event as the API streams it: ADDED, MODIFIED, DELETED or ERROR, with the object (or Status) as JSON. */
  public record WatchEvent(String type, String objectJson) implements ClusterMessage {}
}
