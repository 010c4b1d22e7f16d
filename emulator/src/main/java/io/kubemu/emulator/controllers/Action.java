package io.kubemu.emulator.controllers;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.util.Optional;

/** What a reconcile decides: writes for the API store to make, or to look at the key again later. */
public sealed interface Action {
  /**
   * A write, with the Event to record once the store has answered it: kube-controller-manager's
   * recorder is called after the API call returns, with the name the server gave and with what
   * went wrong, so the event belongs to the answer, not to the decision.
   */
  sealed interface Write extends Action {
    Recording then();
  }

  /** The store's answer to a write: its HTTP status, the object it returned (on success), and its message (on failure). */
  record Answer(int status, HasMetadata object, String message) {
    public static Answer ok(HasMetadata object) {
      return new Answer(200, object, null);
    }

    public static Answer failed(int status, String message) {
      return new Answer(status, null, message);
    }

    public boolean succeeded() {
      return status / 100 == 2;
    }
  }

  /** The Event a write's answer makes its controller record, if any. A pure function of the answer. */
  @FunctionalInterface
  interface Recording {
    Recording NONE = answer -> Optional.empty();

    Optional<Event> event(Answer answer);
  }

  /** Creates an object (metadata.generateName is honoured). */
  record Create(HasMetadata object, Recording then) implements Write {
    public Create(HasMetadata object) {
      this(object, Recording.NONE);
    }
  }

  /** Replaces an object, conditional on the resourceVersion it carries. */
  record Update(HasMetadata object, Recording then) implements Write {
    public Update(HasMetadata object) {
      this(object, Recording.NONE);
    }
  }

  /** Replaces only an object's status, conditional on the resourceVersion it carries. */
  record UpdateStatus(HasMetadata object, Recording then) implements Write {
    public UpdateStatus(HasMetadata object) {
      this(object, Recording.NONE);
    }
  }

  /** Deletes an object; {@code propagationPolicy} null is Background. */
  record Delete(String kind, String namespace, String name, String propagationPolicy, Recording then) implements Write {
    public Delete(String kind, String namespace, String name, String propagationPolicy) {
      this(kind, namespace, name, propagationPolicy, Recording.NONE);
    }

    public static Delete of(HasMetadata o) {
      return of(o, Recording.NONE);
    }

    public static Delete of(HasMetadata o, Recording then) {
      return new Delete(o.getKind(), o.getMetadata().getNamespace(), o.getMetadata().getName(), null, then);
    }
  }

  /** Reconciles the same key again after {@code after} (a time-driven condition, such as minReadySeconds). */
  record RequeueAfter(Duration after) implements Action {}
}
