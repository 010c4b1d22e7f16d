package io.kubemu.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubemu.emulator.controlplane.Json;
import io.kubemu.nodes.pod.ExecOutput;
import io.kubemu.nodes.pod.ExecResult;
import io.kubemu.protocols.ClusterMessage;
import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.util.ByteString;

/**
 * Relays a streamed exec into an HTTP response: one JSON line per output chunk, then a line with
 * the exit code, then the end of the stream. Gives up with exit code 1 when nothing ends it in time.
 */
final class ExecRelay {
  private ExecRelay() {}

  private record GiveUp() implements ClusterMessage {}

  static Behavior<ClusterMessage> create(BoundedSourceQueue<ByteString> queue, Duration limit) {
    return Behaviors.withTimers(timers -> {
      timers.startSingleTimer(new GiveUp(), limit);
      return Behaviors.receive(ClusterMessage.class)
          .onMessage(ExecOutput.class, o -> {
            ObjectNode line = ApiServer.object();
            if (!o.stdout().isEmpty()) {
              line.put("stdout", o.stdout());
            }
            if (!o.stderr().isEmpty()) {
              line.put("stderr", o.stderr());
            }
            queue.offer(ByteString.fromString(Json.write(line) + "\n"));
            return Behaviors.same();
          })
          .onMessage(ExecResult.class, r -> finish(queue, r))
          .onMessage(GiveUp.class, g -> finish(queue, new ExecResult("", "error: no answer from the pod's node\n", 1)))
          .build();
    });
  }

  private static Behavior<ClusterMessage> finish(BoundedSourceQueue<ByteString> queue, ExecResult r) {
    ObjectNode line = ApiServer.object();
    line.put("stdout", r.stdout());
    line.put("stderr", r.stderr());
    line.put("exitCode", r.exitCode());
    queue.offer(ByteString.fromString(Json.write(line) + "\n"));
    queue.complete();
    return Behaviors.stopped();
  }
}
