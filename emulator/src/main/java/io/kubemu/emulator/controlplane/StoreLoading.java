package io.kubemu.emulator.controlplane;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;

/**
 * How an API store starts on a control-plane host: it asks its host's replica what it holds and
 * keeps the requests that come meanwhile, then becomes the store built from those contents and
 * handles them.
 */
final class StoreLoading {
  /** The most requests kept while loading; more are dropped (their senders time out and retry). */
  static final int CAPACITY = 10_000;

  private record Loaded(StoreReplica.Contents contents) implements StoreProtocol.Command {}

  private StoreLoading() {}

  /**
   * Fills a new store: from a replica's contents, or, when there are none (the replica was never
   * written, or there is no replica), with the namespaces every cluster starts with.
   */
  static void fill(ObjectStore store, StoreReplica.Contents loaded, Logger log) {
    if (loaded != null && (loaded.resourceVersion() > 0 || !loaded.objects().isEmpty())) {
      int unreadable = store.restore(loaded.resourceVersion(), loaded.objects().values()).size();
      log.info("API store starts from its host's replica: {} objects at resourceVersion {} ({} unreadable, left out)",
          loaded.objects().size() - unreadable, store.resourceVersion(), unreadable);
      return;
    }
    for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      store.put(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().withNewStatus().withPhase("Active").endStatus().build());
    }
  }

  static Behavior<StoreProtocol.Command> load(ActorRef<StoreReplica.Command> replica,
      Function<StoreReplica.Contents, Behavior<StoreProtocol.Command>> then) {
    return Behaviors.setup(ctx -> Behaviors.withStash(CAPACITY, stash -> {
      replica.tell(new StoreReplica.Load(ctx.messageAdapter(StoreReplica.Contents.class, Loaded::new)));
      return Behaviors.receive(StoreProtocol.Command.class)
          .onMessage(Loaded.class, m -> stash.unstashAll(then.apply(m.contents())))
          .onAnyMessage(m -> {
            if (stash.isFull()) {
              ctx.getLog().warn("API store is loading and has {} requests waiting: dropped a {}", CAPACITY, m.getClass().getSimpleName());
            } else {
              stash.stash(m);
            }
            return Behaviors.same();
          })
          .build();
    }));
  }
}
